"use server";
// The app's request settings and per-entitlement overrides: app owners and administrators.
import { revalidatePath } from "next/cache";
import { action, ActionError, ALL_ROLES } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { canManageRequestSettings, resetRequestSetting, saveRequestSetting, SettingsRefusal } from "@/lib/data/request-settings";
import { requestSettingsSchema, resetRequestSettingSchema } from "@/lib/validation/requests";

const authorize = (user: CurrentUser, input: { applicationId: string }) => canManageRequestSettings(user, input.applicationId);

export const saveRequestSettingsAction = action({ schema: requestSettingsSchema, roles: ALL_ROLES, authorize }, async (input, user) => {
  try {
    await saveRequestSetting(input, user);
  } catch (error) {
    if (error instanceof SettingsRefusal) throw new ActionError(error.message, error.field ? { [error.field]: [error.message] } : undefined);
    throw error;
  }
  revalidatePath(`/applications/${input.applicationId}/request-settings`);
  revalidatePath("/requests");
  return { saved: true };
});

export const resetRequestSettingAction = action({ schema: resetRequestSettingSchema, roles: ALL_ROLES, authorize }, async (input, user) => {
  await resetRequestSetting(input, user);
  revalidatePath(`/applications/${input.applicationId}/request-settings`);
  revalidatePath("/requests");
  return { reset: true };
});
