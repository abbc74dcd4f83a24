// Not a security boundary (every page, action and route handler checks the session itself):
// it only passes the requested path on, so that sign-in can send people back where they were
// going, e.g. an owner following the set-up email to a connector's settings.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-request-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)"] };
