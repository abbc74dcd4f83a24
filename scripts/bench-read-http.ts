// The page-render half of bench:read: the production server (`next start`) on the bench
// database, a signed-in session, and timed GETs of the Accounts tab.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "@/tests/test-database";
import { buildIfNeeded } from "./lib/build-if-needed";

export type AppServer = { url: string; cookie: string; stop: () => void };

async function waitForHealth(url: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode}.`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("The app did not start within 60 s.");
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** next-auth's credentials flow over HTTP: CSRF token, then the callback, then the session cookie. */
async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(response).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`Signing in failed (${response.status}).`);
  return [...jar, session].join("; ");
}

export async function startAppServer(env: NodeJS.ProcessEnv, user: { email: string; password: string }): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const appEnv = { ...env, NODE_ENV: "production" as const, NEXTAUTH_URL: url, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), RUN_WORKER: "false" };
  buildIfNeeded(appEnv, (line) => console.log(`[bench] ${line}`));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { env: appEnv, stdio: "ignore" });
  try {
    await waitForHealth(url, server);
    return { url, cookie: await signIn(url, user.email, user.password), stop: () => server.kill("SIGTERM") };
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
}

/** Milliseconds from request to the last byte of the HTML, which must contain `expect`. */
export async function timePage(server: AppServer, path: string, expect: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { headers: { cookie: server.cookie } });
  const html = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok || !html.includes(expect)) throw new Error(`GET ${path} answered ${response.status} without "${expect}": ${html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
  return elapsed;
}
