// Sign-in (next-auth credentials, JWT sessions) and the checks every page, action and route
// handler makes itself. A session is only as good as the user row behind it: a disabled user,
// or one whose session version moved on (disabled, password changed), is signed out.
import type { Role, User } from "@prisma/client";
import { getServerSession, type NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { cache } from "react";
import { recordAudit } from "@/lib/data/audit";
import { clearFailures, recordFailure, throttleWait } from "@/lib/data/sign-in-throttle";
import { getSsoConfig, ssoConfigFromEnv } from "@/lib/data/sso-settings";
import { getSessionUser, getUserByEmail, markSignedIn } from "@/lib/data/users";
import { getEnv } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/password";
import { decidePasswordSignIn } from "@/lib/sso/decide";
import { authLogger } from "@/lib/sso/logger";
import { oidcProvider, SSO_PROVIDER_ID } from "@/lib/sso/provider";
import { completeSsoSignIn } from "@/lib/sso/sign-in";
import { signInSchema } from "@/lib/validation/users";

export const GENERIC_SIGN_IN_ERROR = "The email or password is not right.";
export const SSO_REQUIRED_ERROR = "Password sign-in is turned off for your account: use the single sign-on button above.";
/** next-auth's error page: refusals and failed callbacks land here (app/(auth)/signin/error). */
export const SIGN_IN_ERROR_PAGE = "/signin/error";

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined) {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return value?.split(",")[0]?.trim() || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: getEnv().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: getEnv().SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: "/signin", error: SIGN_IN_ERROR_PAGE },
  logger: authLogger,
  providers: [
    Credentials({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(GENERIC_SIGN_IN_ERROR);
        const { email, password } = parsed.data;
        const keys = [`email:${email}`, `ip:${clientAddress(req?.headers)}`];
        const wait = await throttleWait(keys);
        if (wait > 0) {
          throw new Error(`Too many failed attempts. Try again in ${Math.ceil(wait / 60_000)} minute${wait > 60_000 ? "s" : ""}.`);
        }
        const user = await getUserByEmail(email);
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !ok || user.disabled || !user.passwordHash) {
          await recordFailure(keys);
          await recordAudit({ kind: "auth.sign_in_failed", summary: `Failed sign-in for ${email}`, result: "refused", data: { email } });
          throw new Error(GENERIC_SIGN_IN_ERROR);
        }
        await clearFailures(keys);
        // Checked after the password, so the answer never tells who is a break-glass account.
        const sso = await getSsoConfig();
        if (!decidePasswordSignIn(user, sso).allowed) {
          await recordAudit({ actor: user, kind: "auth.sign_in_refused", summary: `Password sign-in refused for ${user.email}: single sign-on is required`, result: "refused", data: { email, reason: "sso-required" } });
          throw new Error(SSO_REQUIRED_ERROR);
        }
        await markSignedIn(user.id);
        await recordAudit({ actor: user, kind: "auth.sign_in", summary: `${user.email} signed in` });
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      const result = await completeSsoSignIn((profile ?? {}) as Record<string, unknown>);
      if (!result.ok) return `${SIGN_IN_ERROR_PAGE}?reason=${result.reason}`;
      // next-auth passes this same object on to the jwt callback: from here on it is the
      // console's user row, not the provider's subject.
      Object.assign(user, { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion });
      return true;
    },
    jwt({ token, user, account }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.via = account?.provider === SSO_PROVIDER_ID ? "sso" : "password";
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user = { ...session.user, id: token.uid, sv: token.sv ?? -1, via: token.via ?? "password" };
      return session;
    },
  },
};

/**
 * The options for next-auth's route handler, built per request because the SSO settings live
 * in the database (next-auth 4 "advanced initialization"). getServerSession needs only the
 * session parts, so it keeps using authOptions.
 */
export async function buildAuthOptions(): Promise<NextAuthOptions> {
  const sso = await getSsoConfig();
  return sso ? { ...authOptions, providers: [...authOptions.providers, oidcProvider(sso)] } : authOptions;
}

export type CurrentUser = Pick<User, "id" | "email" | "name" | "role">;

/**
 * The signed-in, enabled user whose session is still current; null otherwise. Cached per
 * request, so the layout and the page share one lookup.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getSessionUser(id);
  // A session from before the user was disabled or changed their password is over.
  if (!user || user.disabled || session.user.sv !== user.sessionVersion) return null;
  // So is a password session once single sign-on is required (break-glass accounts excepted):
  // turning Require SSO on ends the sessions it forbids, not only the next sign-in.
  if (session.user.via !== "sso" && !decidePasswordSignIn(user, ssoConfigFromEnv(getEnv()) ?? user.storedSso).allowed) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    // Back to the requested page after sign-in (the path comes from proxy.ts).
    const { headers } = await import("next/headers");
    const path = (await headers()).get("x-request-path");
    redirect(path && path !== "/" && path.startsWith("/") && !path.startsWith("//") ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin");
  }
  return user;
}

export function hasRole(user: CurrentUser, roles: readonly Role[]) {
  return roles.includes(user.role);
}

/** For pages: refuses with the Forbidden page when the role is not allowed. */
export async function requireRole(roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!hasRole(user, roles)) redirect("/forbidden");
  return user;
}
