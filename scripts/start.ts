// `npm start [-- --no-build]`: prepares the database (embedded unless DATABASE_URL is set), builds
// if needed, and serves the console; on exit it stops the embedded PostgreSQL cleanly.
import { spawn } from "node:child_process";
import { prepareRuntime, StartupError } from "@/lib/db/prepare";
import { getEnv } from "@/lib/env";
import { buildIfNeeded } from "./lib/build-if-needed";
import { superviseChild } from "./lib/serve-child";

const log = (line: string) => console.log(`[start] ${line}`);
const dev = process.argv.includes("--dev");
// A container image is built once (console.Dockerfile): its sources must never trigger a build.
const build = !dev && !process.argv.includes("--no-build");

async function main() {
  const env = getEnv();
  const runtime = await prepareRuntime(env, log);
  const appUrl = env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: runtime.databaseUrl,
    ENCRYPTION_KEY: runtime.encryptionKey,
    NEXTAUTH_SECRET: runtime.nextAuthSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? appUrl,
    APP_URL: appUrl,
  };
  if (build) buildIfNeeded(childEnv, log);
  const args = ["node_modules/next/dist/bin/next", dev ? "dev" : "start", "-p", String(env.PORT)];
  const child = spawn(process.execPath, args, { stdio: "inherit", env: childEnv });
  log(`Serving ${appUrl}${runtime.embedded ? " on the embedded PostgreSQL" : ""}`);

  await superviseChild(child, () => runtime.stop(), log);
}

main().catch((error: unknown) => {
  const message = error instanceof StartupError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`[start] Cannot start: ${message}`);
  process.exit(1);
});
