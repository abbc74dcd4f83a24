// Route handlers check the session and role themselves, the same way lib/action does.
import type { Role } from "@prisma/client";
import { NextResponse } from "next/server";
import { ALL_ROLES } from "@/lib/action";
import { getCurrentUser, hasRole, type CurrentUser } from "@/lib/auth";
import { getManagedApp, type ManagedApp } from "@/lib/data/applications";

export function withUser<C>(roles: readonly Role[], handler: (request: Request, user: CurrentUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C) => {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    if (!hasRole(user, roles)) return NextResponse.json({ error: "You do not have permission to do this." }, { status: 403 });
    return handler(request, user, context);
  };
}

/**
 * A route handler over one app, for whoever may open its pages: any signed-in user, and a
 * managed app (the pages answer "not found" for any other id, and so does this).
 */
export function withManagedApp<P extends { appId: string }>(handler: (request: Request, app: ManagedApp, params: P) => Promise<Response>) {
  return withUser<{ params: Promise<P> }>(ALL_ROLES, async (request, _user, { params }) => {
    const resolved = await params;
    const app = await getManagedApp(resolved.appId);
    if (!app) return notFoundResponse();
    return handler(request, app, resolved);
  });
}

/** The Applications pages' "not found", as a route handler's answer. */
export function notFoundResponse() {
  return NextResponse.json({ error: "This app, entitlement or account does not exist, or the connector's latest sync no longer has it." }, { status: 404, headers: { "cache-control": "no-store" } });
}
