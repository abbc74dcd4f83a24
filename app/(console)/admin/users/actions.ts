"use server";
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { addUser, changeRole, countActiveSuperAdmins, DuplicateEmailError, getUserById, SET_PASSWORD_LINK_HOURS, setUserDisabled } from "@/lib/data/users";
import { getAppUrl } from "@/lib/env";
import { sendMail } from "@/lib/mail/send";
import { invitationEmail } from "@/lib/mail/templates";
import { addUserSchema, changeRoleSchema, roleLabels, setUserDisabledSchema } from "@/lib/validation/users";

const SUPER_ADMIN_ONLY = ["SUPER_ADMIN"] as const;

export const addUserAction = action({ schema: addUserSchema, roles: SUPER_ADMIN_ONLY }, async (input, actor) => {
  let created;
  try {
    created = await addUser(input);
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new ActionError(error.message, { email: [error.message] });
    throw error;
  }
  const link = `${getAppUrl()}/set-password/${created.token}`;
  await sendMail({ kind: "invitation", to: created.user.email, ...invitationEmail({ name: created.user.name, invitedBy: actor.name, link, hours: SET_PASSWORD_LINK_HOURS }) }, [created.token]);
  await recordAudit({ actor, kind: "user.created", summary: `${actor.email} added ${created.user.email} as ${roleLabels[created.user.role]}`, targetType: "user", targetId: created.user.id });
  revalidatePath("/admin/users");
  return { id: created.user.id };
});

async function assertNotLastSuperAdmin(userId: string) {
  const target = await getUserById(userId);
  if (!target) throw new ActionError("This user no longer exists.");
  if (target.role === "SUPER_ADMIN" && !target.disabled && (await countActiveSuperAdmins()) <= 1) {
    throw new ActionError("Keep at least one active Super Administrator.");
  }
  return target;
}

export const changeRoleAction = action({ schema: changeRoleSchema, roles: SUPER_ADMIN_ONLY }, async ({ userId, role }, actor) => {
  const target = role === "SUPER_ADMIN" ? await getUserById(userId) : await assertNotLastSuperAdmin(userId);
  if (!target) throw new ActionError("This user no longer exists.");
  await changeRole(userId, role);
  await recordAudit({ actor, kind: "user.role_changed", summary: `${actor.email} changed ${target.email} from ${roleLabels[target.role]} to ${roleLabels[role]}`, targetType: "user", targetId: userId, data: { from: target.role, to: role } });
  revalidatePath("/admin/users");
  return { userId, role };
});

export const setUserDisabledAction = action({ schema: setUserDisabledSchema, roles: SUPER_ADMIN_ONLY }, async ({ userId, disabled }, actor) => {
  if (disabled && userId === actor.id) throw new ActionError("You cannot disable yourself.");
  const target = disabled ? await assertNotLastSuperAdmin(userId) : await getUserById(userId);
  if (!target) throw new ActionError("This user no longer exists.");
  await setUserDisabled(userId, disabled);
  await recordAudit({ actor, kind: disabled ? "user.disabled" : "user.enabled", summary: `${actor.email} ${disabled ? "disabled" : "enabled"} ${target.email}`, targetType: "user", targetId: userId });
  revalidatePath("/admin/users");
  return { userId, disabled };
});
