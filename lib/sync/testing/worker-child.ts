// A worker process for the multi-process tests: the real worker (pg-boss, locks, recovery)
// with a fake adapter that is slow enough to be killed mid-run and records when each sync
// starts and ends, so a test can prove that no connector was ever synced twice at once.
// Started by lib/sync/worker.test.ts with DATABASE_URL and ENCRYPTION_KEY set.
import pg from "pg";
import { z } from "zod";
import type { Connector } from "@/lib/connectors/types";
import { fakeRecords, withBehaviour } from "./fake-connector";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const users = Number(process.env.FAKE_USERS ?? 2_000);
const pauseMs = Number(process.env.FAKE_PAUSE_MS ?? 0);

const configSchema = z.object({ apiKey: z.string(), tag: z.string(), label: z.string().optional() });
type Config = z.infer<typeof configSchema>;

const connector: Connector<Config> = {
  id: "fake",
  name: "Fake",
  description: "Slow synthetic records.",
  capabilities: [],
  settings: { schema: configSchema, fields: [{ name: "apiKey", label: "API key", secret: true }] },
  check: async () => ({ ok: true, summary: "fake" }),
  sync: (config) => {
    let callId: number | undefined;
    return withBehaviour(fakeRecords({ users, groups: 20, membershipsPerUser: 3, label: config.label ?? String(process.pid) }), {
      pauseMs,
      pauseEvery: 250,
      onStart: async () => {
        const { rows } = await pool.query(`INSERT INTO fake_sync_calls (connector_id, pid) VALUES ($1, $2) RETURNING id`, [config.tag, process.pid]);
        callId = rows[0].id as number;
      },
      onEnd: async () => {
        await pool.query(`UPDATE fake_sync_calls SET ended_at = clock_timestamp() WHERE id = $1`, [callId]);
      },
    });
  },
  grant: async () => ({ changed: false, message: "fake" }),
  revoke: async () => ({ changed: false, message: "fake" }),
};

const { startSyncWorker, stopSyncQueue } = await import("../index");
const worker = await startSyncWorker({
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2),
  pollingIntervalSeconds: 0.5,
  sweepEverySeconds: 1,
  queuedGraceSeconds: 3,
  retryDelaysSeconds: [1, 1],
  resolveConnector: () => connector as Connector<unknown>,
});
console.log(`worker ready ${process.pid}`);

process.once("SIGTERM", () => {
  void (async () => {
    await worker.stop();
    await stopSyncQueue();
    await pool.end();
    process.exit(0);
  })();
});
