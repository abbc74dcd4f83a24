import type { Role } from "@prisma/client";
import "next-auth";

/** How the session was opened: Require SSO ends the password ones (lib/auth.ts getCurrentUser). */
type SignInMethod = "password" | "sso";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role; sv: number; via: SignInMethod };
  }
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    via?: SignInMethod;
  }
}
