// Route handlers check the session and role themselves, the same way lib/action does.
import type { Role } from "@prisma/client";
import { NextResponse } from "next/server";
import { getCurrentUser, hasRole, type CurrentUser } from "@/lib/auth";

export function withUser<C>(roles: readonly Role[], handler: (request: Request, user: CurrentUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C) => {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    if (!hasRole(user, roles)) return NextResponse.json({ error: "You do not have permission to do this." }, { status: 403 });
    return handler(request, user, context);
  };
}
