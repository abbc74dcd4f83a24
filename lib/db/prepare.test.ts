import { randomBytes } from "node:crypto";
import { mkdtemp, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import { freePort, startTestDatabase, type TestDatabase } from "@/tests/test-database";
import { prepareRuntime } from "./prepare";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => {
  await database?.stop();
});

function envWith(overrides: Partial<Env>): Env {
  return {
    NODE_ENV: "test",
    DATA_DIR: "./data",
    EMBEDDED_PG_PORT: 5433,
    PORT: 3000,
    MAIL_FROM: "x",
    SESSION_MAX_AGE_HOURS: 12,
    RUN_WORKER: "false",
    TEMPORAL_CLOUD_API_URL: "http://127.0.0.1:1",
    CLOUDFLARE_API_URL: "http://127.0.0.1:1",
    CLOUDFLARE_PACING: "false",
    LOG_LEVEL: "info",
    ...overrides,
  };
}

describe("prepareRuntime", () => {
  it("refuses an unreachable DATABASE_URL with one line that names the host, not the password", async () => {
    const port = await freePort();
    const error = await prepareRuntime(envWith({ DATABASE_URL: `postgresql://u:hunter2@127.0.0.1:${port}/db`, ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_SECRET: "s" }), () => {}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`Cannot reach the database at 127.0.0.1:${port}/db`);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("requires ENCRYPTION_KEY with an external database", async () => {
    await expect(prepareRuntime(envWith({ DATABASE_URL: database.url, NEXTAUTH_SECRET: "s" }), () => {})).rejects.toThrow(/ENCRYPTION_KEY is not set/);
  });

  it("accepts the key the data was created with, and refuses another one", async () => {
    const key = randomBytes(32).toString("base64");
    const first = await prepareRuntime(envWith({ DATABASE_URL: database.url, ENCRYPTION_KEY: key, NEXTAUTH_SECRET: "s" }), () => {});
    await first.stop();
    const again = await prepareRuntime(envWith({ DATABASE_URL: database.url, ENCRYPTION_KEY: key, NEXTAUTH_SECRET: "s" }), () => {});
    await again.stop();
    await expect(
      prepareRuntime(envWith({ DATABASE_URL: database.url, ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_SECRET: "s" }), () => {}),
    ).rejects.toThrow(/ENCRYPTION_KEY cannot open the secrets stored in this database/);
    await expect(prepareRuntime(envWith({ DATABASE_URL: database.url, ENCRYPTION_KEY: "too-short", NEXTAUTH_SECRET: "s" }), () => {})).rejects.toThrow(/32 bytes/);
  });

  it("on the embedded default, generates the keys with mode 0600 and starts and stops PostgreSQL", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "gk-prepare-"));
    const lines: string[] = [];
    const runtime = await prepareRuntime(envWith({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: await freePort() }), (l) => lines.push(l));
    expect(runtime.embedded).toBe(true);
    expect((await stat(path.join(dataDir, "encryption.key"))).mode & 0o777).toBe(0o600);
    expect(lines.join("\n")).toContain(path.join(dataDir, "encryption.key"));
    await runtime.stop();
  });
});
