"use server";
// Requesting, approving, cancelling, extending and revoking access requests. Every signed-in
// user may call them; who may act on a given request is decided by the guarded UPDATE itself
// (approvers of the waiting step, the requester) or checked here (Revoke now).
import { revalidatePath } from "next/cache";
import { action, ActionError, ALL_ROLES } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { canManageRequestSettings } from "@/lib/data/request-settings";
import { getRequest } from "@/lib/data/request-store";
import { createAccessRequest } from "@/lib/requests/create";
import { cancelRequest, decideRequest, extendRequest } from "@/lib/requests/decide";
import { RequestRefusal } from "@/lib/requests/errors";
import { revokeNow } from "@/lib/requests/expire";
import { createRequestSchema, decideRequestSchema, extendRequestSchema, requestIdSchema } from "@/lib/validation/requests";

async function refusals<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RequestRefusal) throw new ActionError(error.message, error.fieldErrors);
    throw error;
  }
}

function revalidate(requestId?: string) {
  revalidatePath("/requests", "layout");
  if (requestId) revalidatePath(`/requests/${requestId}`);
}

export const createRequestAction = action({ schema: createRequestSchema, roles: ALL_ROLES }, async (input, user) => {
  const request = await refusals(createAccessRequest(input, user));
  revalidate(request.id);
  return { id: request.id, state: request.state };
});

export const decideRequestAction = action({ schema: decideRequestSchema, roles: ALL_ROLES }, async (input, user) => {
  const request = await refusals(decideRequest(input, user));
  revalidate(request.id);
  return { state: request.state };
});

export const cancelRequestAction = action({ schema: requestIdSchema, roles: ALL_ROLES }, async (input, user) => {
  await refusals(cancelRequest(input.requestId, user));
  revalidate(input.requestId);
  return { state: "CANCELLED" };
});

export const extendRequestAction = action({ schema: extendRequestSchema, roles: ALL_ROLES }, async (input, user) => {
  const request = await refusals(extendRequest(input, user));
  revalidate(input.requestId);
  return { id: request.id, state: request.state };
});

/** The requester, the app's owners and administrators may end access early. */
const mayRevoke = async (user: CurrentUser, input: { requestId: string }) => {
  const request = await getRequest(input.requestId);
  if (!request) return true; // the handler says it does not exist
  return request.requesterId === user.id || canManageRequestSettings(user, request.applicationId);
};

export const revokeRequestAction = action({ schema: requestIdSchema, roles: ALL_ROLES, authorize: mayRevoke }, async (input, user) => {
  const request = await refusals(revokeNow(input.requestId, user));
  revalidate(input.requestId);
  return { state: request.state };
});
