// process.env parsed once with zod. Nothing else in the app reads process.env.
import { z } from "zod";
import { parseGroupRoles } from "@/lib/validation/sso";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** External PostgreSQL. Without it the app starts an embedded one under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default("./data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().positive().default(5433),
  /** 32 bytes, base64 or hex. Generated into DATA_DIR on the embedded default. */
  ENCRYPTION_KEY: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: optionalUrl,
  /** Public URL used in emails. Defaults to NEXTAUTH_URL, then http://localhost:3000. */
  APP_URL: optionalUrl,
  PORT: z.coerce.number().int().positive().default(3000),
  /** smtp://user:pass@host:port. Without it every message goes to the outbox. */
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("Gatekeeper <no-reply@localhost>"),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  /** "false" runs no worker inside the web process (use `npm run worker`). */
  RUN_WORKER: z.enum(["true", "false"]).default("true"),
  TEMPORAL_CLOUD_API_URL: z.string().url().default("https://saas-api.tmprl.cloud"),
  CLOUDFLARE_API_URL: z.string().url().default("https://api.cloudflare.com/client/v4"),
  /** "false" turns off Cloudflare request pacing (simulators, benchmarks). */
  CLOUDFLARE_PACING: z.enum(["true", "false"]).default("true"),
  /** Unset: each Okta connector talks to its own domain. Set: every Okta call goes here (a simulator or proxy). */
  OKTA_API_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Single sign-on for infrastructure-as-code. OIDC_ISSUER set: every SSO setting comes from
  // here and Admin > Settings > Single sign-on shows them read-only (lib/data/sso-settings.ts).
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().optional(),
  OIDC_ALLOW_SIGN_UP: z.enum(["true", "false"]).optional(),
  OIDC_DEFAULT_ROLE: z.enum(["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"]).optional(),
  OIDC_GROUPS_CLAIM: z.string().optional(),
  /** "group=ROLE,group=ROLE", e.g. "gatekeeper-super-admins=SUPER_ADMIN". */
  OIDC_GROUP_ROLES: z.string().optional(),
  OIDC_REQUIRE_SSO: z.enum(["true", "false"]).optional(),
  /** Comma-separated emails of the Super Administrators who keep password sign-in. */
  OIDC_BREAK_GLASS_EMAILS: z.string().optional(),
  /**
   * Tests only: a file holding a number of milliseconds that lib/clock.ts adds to the system
   * clock, so a browser test can move time forward (grants expiring, reviews falling due)
   * without waiting. Never set it in production; the server logs a warning when it is set.
   */
  GATEKEEPER_TEST_CLOCK_FILE: z.string().optional(),
}).superRefine((env, ctx) => {
  // A half-configured identity provider stops the start, not the first person signing in.
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too" });
  if (parseGroupRoles(env.OIDC_GROUP_ROLES) === null) ctx.addIssue({ code: "custom", path: ["OIDC_GROUP_ROLES"], message: 'write "group=ROLE,group=ROLE" with roles SUPER_ADMIN, CONNECTOR_ADMIN or USER' });
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${first?.path.join(".")}: ${first?.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** Base URLs of the upstream APIs, by connector id. The adapters never read them themselves. */
export function getConnectorBaseUrls() {
  const env = getEnv();
  return {
    "temporal-cloud": env.TEMPORAL_CLOUD_API_URL,
    cloudflare: env.CLOUDFLARE_API_URL,
    okta: env.OKTA_API_URL ?? "",
    cloudflarePacing: env.CLOUDFLARE_PACING === "true",
  };
}

export function getAppUrl() {
  const env = getEnv();
  return (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
