// A real OpenID provider on loopback for the SSO journey: npm's oidc-provider (a certified
// implementation) with its development login and consent pages. A thin wrapper around its
// token endpoint can spoil the next id_token on demand (wrong audience, expired, tampered),
// re-signed with the provider's own key where a real attacker could not, so each check of
// the console's client is exercised by the token that should fail it, not by a mock.
//
// Control (the e2e spec runs in another process): POST /__control/accounts {login, email,
// name, groups, emailVerified} and POST /__control/next-token {fault}.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type OidcFault = "wrong-audience" | "expired" | "bad-signature";
export type OidcAccount = { email: string; name: string; groups: string[]; emailVerified: boolean };

export type OidcProviderOptions = {
  host?: string;
  port?: number;
  client: { clientId: string; clientSecret: string; redirectUris: string[] };
  /** Called with every token it issues (and every spoiled one), for the leak scan. */
  onToken?: (value: string, label: string) => void;
};

export type OidcProviderSimulator = { issuer: string; close: () => Promise<void> };

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/** The id_token as the fault wants it; re-signed with the provider's key, or tampered after signing. */
export function spoilIdToken(idToken: string, fault: OidcFault, key: KeyObject, now = Date.now()): string {
  const [header, payload, signature] = idToken.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  if (fault === "bad-signature") {
    // Another person's email under the original signature: the signature no longer matches.
    return [header, b64url(JSON.stringify({ ...claims, email: "mallory@corp.test" })), signature].join(".");
  }
  const seconds = Math.floor(now / 1000);
  const changed = fault === "wrong-audience" ? { ...claims, aud: "some-other-application" } : { ...claims, iat: seconds - 7200, exp: seconds - 3600 };
  const body = `${header}.${b64url(JSON.stringify(changed))}`;
  return `${body}.${b64url(sign("sha256", Buffer.from(body), key))}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderSimulator> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: `e2e-${randomBytes(4).toString("hex")}`, alg: "RS256", use: "sig" };
  const accounts = new Map<string, OidcAccount>();
  let nextFault: OidcFault | null = null;

  const provider = new Provider(issuer, {
    clients: [{ client_id: options.client.clientId, client_secret: options.client.clientSecret, redirect_uris: options.client.redirectUris, response_types: ["code"], grant_types: ["authorization_code"] }],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // The scopes' claims go into the id_token itself (the console reads no userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub) ?? { email: sub.includes("@") ? sub : `${sub}@corp.test`, name: sub, groups: [], emailVerified: true };
      return { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name, groups: account.groups }) };
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string; access_token?: string } | undefined;
    if (ctx.path !== "/token" || ctx.status !== 200 || !body?.id_token) return;
    options.onToken?.(body.id_token, "OIDC id_token");
    if (body.access_token) options.onToken?.(body.access_token, "OIDC access token");
    if (nextFault) {
      body.id_token = spoilIdToken(body.id_token, nextFault, privateKey);
      options.onToken?.(body.id_token, `OIDC id_token (${nextFault})`);
      nextFault = null;
    }
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/__control/")) return handle(req, res);
    void readJson(req).then(
      (body) => {
        if (req.url === "/__control/accounts") {
          accounts.set(String(body.login), { email: String(body.email), name: String(body.name ?? body.login), groups: (body.groups as string[]) ?? [], emailVerified: body.emailVerified !== false });
        } else if (req.url === "/__control/next-token") {
          nextFault = (body.fault as OidcFault | null) ?? null;
        } else {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(204).end();
      },
      () => res.writeHead(400).end(),
    );
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
