// next-auth's endpoints, with options built per request: the single sign-on provider comes
// from the settings (database or environment) as they are now, so a change takes effect at once.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { buildAuthOptions } from "@/lib/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, await buildAuthOptions());
}

export { handler as GET, handler as POST };
