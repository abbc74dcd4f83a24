"use server";
import { ActionError, publicAction } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { setPasswordWithToken } from "@/lib/data/users";
import { setPasswordSchema } from "@/lib/validation/users";

/** Spends a one-time link: the token is the authority, so no session is needed. */
export const setPasswordAction = publicAction(setPasswordSchema, async ({ token, password }) => {
  const user = await setPasswordWithToken(token, password);
  if (!user) throw new ActionError("This link has expired or was already used. Ask an administrator for a new one.");
  await recordAudit({ actor: user, kind: "user.password_set", summary: `${user.email} set their password`, targetType: "user", targetId: user.id });
  return { email: user.email };
});
