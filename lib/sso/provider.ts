// The OpenID Connect provider for next-auth, built from the stored (or environment) settings
// at each request. next-auth 4 hands the callback to openid-client 5, whose client.callback()
// checks state and PKCE against next-auth's cookies and verifies the id_token: its signature
// against the provider's JWKS (RS256, openid-client's default), iss against the discovered
// issuer, aud (and azp) against our client ID, the nonce, exp and iat (10 s clock tolerance).
// Nothing here loosens that: no custom id_token check, no `alg` change, no extra tolerance.
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { SsoConfig } from "@/lib/data/sso-settings";
import { discoveryUrl } from "./discovery";

export const SSO_PROVIDER_ID = "oidc";

export type OidcProfile = Record<string, unknown> & { sub: string };

export function oidcProvider(config: SsoConfig): OAuthConfig<OidcProfile> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.displayName,
    type: "oauth",
    wellKnown: discoveryUrl(config.issuer),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    // Okta and others release a groups claim only for the "groups" scope; providers that do
    // not know the scope ignore it.
    authorization: { params: { scope: config.groupsClaim ? "openid email profile groups" : "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // The id_token's claims only (no userinfo call): lib/sso/sign-in.ts maps them to a console
    // user in the signIn callback, which replaces id with the user's row id.
    profile: (claims) => ({ id: claims.sub, email: typeof claims.email === "string" ? claims.email : "", name: typeof claims.name === "string" ? claims.name : "", role: "USER", sessionVersion: -1 }),
  };
}
