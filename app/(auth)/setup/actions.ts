"use server";
import { ActionError, publicAction } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { createFirstAdmin } from "@/lib/data/users";
import { setupSchema } from "@/lib/validation/users";

/** Creates the first Super Administrator. Refuses once any user exists: set-up never reopens. */
export const createFirstAdminAction = publicAction(setupSchema, async (input) => {
  const user = await createFirstAdmin(input);
  if (!user) throw new ActionError("This console is already set up. Sign in instead.");
  await recordAudit({ actor: user, kind: "user.created", summary: `${user.email} set up the console as the first Super Administrator`, targetType: "user", targetId: user.id });
  return { email: user.email };
});
