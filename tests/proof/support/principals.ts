// Who calls: the five session principals, each a real next-auth session cookie for a fixture
// user (the JWT fields lib/auth.ts's callbacks write: uid, sv the session version, via the sign-in method), and
// the self-hosted runner, whose only credential is its connector's client id and secret.
import { encode } from "next-auth/jwt";
import type { Fixtures } from "./fixtures";
import { setRequestContext } from "./next-request";

export const SESSION_PRINCIPALS = ["anonymous", "user", "owner", "connectorAdmin", "superAdmin"] as const;
export const ALL_PRINCIPALS = [...SESSION_PRINCIPALS, "connectorToken"] as const;
export type SessionPrincipal = (typeof SESSION_PRINCIPALS)[number];
export type Principal = (typeof ALL_PRINCIPALS)[number];

export const PRINCIPAL_LABELS: Record<Principal, string> = {
  anonymous: "anonymous",
  user: "USER",
  owner: "connector owner (USER)",
  connectorAdmin: "CONNECTOR_ADMIN",
  superAdmin: "SUPER_ADMIN",
  connectorToken: "connector token",
};

// http://localhost (NEXTAUTH_URL): next-auth's cookie has no __Secure- prefix.
export const SESSION_COOKIE = "next-auth.session-token";

/** A session cookie exactly as next-auth's jwt callback would have written it at sign-in. */
export async function sessionCookieFor(user: { id: string; email: string }, sessionVersion = 0, via: "password" | "sso" = "password") {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the proof environment first.");
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.email, uid: user.id, sv: sessionVersion, via }, secret });
  return { cookieName: SESSION_COOKIE, token };
}

/** The fixture user behind a session principal; null for anonymous (and for the runner). */
export function userOf(principal: Principal, fixtures: Fixtures) {
  switch (principal) {
    case "user":
      return fixtures.users.user;
    case "owner":
      return fixtures.users.owner;
    case "connectorAdmin":
      return fixtures.users.connectorAdmin;
    case "superAdmin":
      return fixtures.users.superAdmin;
    default:
      return null;
  }
}

/** Puts the principal's session (or none) into the request context of the next call. */
export async function actAs(principal: Principal, fixtures: Fixtures) {
  const user = userOf(principal, fixtures);
  setRequestContext(user ? await sessionCookieFor(user) : null);
}
