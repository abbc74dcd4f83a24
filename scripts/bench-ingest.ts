// The ingest half of `npm run bench:sync`: the rows a hosted sync wrote, read back as
// SyncRecords and uploaded again to a self-hosted (Baton) connector through the ingest API's
// own handlers, as an NDJSON body streamed from disk and as a .c1z built with lib/c1z/writer.
// Each upload is timed with the peak RSS sampled while it runs, and compared with a raw COPY of
// the rows it stored, in the same run.
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";
import { fmt, storeTimes, trackPeakRss } from "./bench-common";
import { rawCopyBaseline } from "./bench-raw-copy";

const MiB = 2 ** 20;

/**
 * The run's rows as SyncRecords, in the order a sync sends them. `share` (0–1] keeps that share
 * of the accounts (by a hash of their id) and the grants they hold, and everything else.
 */
export async function* runRecords(pool: pg.Pool, runId: string, share = 1): AsyncGenerator<SyncRecord> {
  const client = await pool.connect();
  const keep = Math.round(share * 1000);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: types } = await client.query<{ external_id: string; display_name: string; traits: string[]; description: string | null }>(
      `SELECT external_id, display_name, traits, description FROM resource_types WHERE sync_run_id = $1 ORDER BY id`,
      [runId],
    );
    const userTypes = types.filter((t) => t.traits.includes("user")).map((t) => t.external_id);
    for (const t of types) yield { type: "resourceType", id: t.external_id, displayName: t.display_name, traits: t.traits as never, ...(t.description ? { description: t.description } : {}) };
    const cursor = async function* <R>(name: string, sql: string, params: unknown[]): AsyncGenerator<R> {
      await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const { rows } = await client.query<R & object>(`FETCH 10000 FROM ${name}`);
        if (rows.length === 0) break;
        yield* rows;
      }
      await client.query(`CLOSE ${name}`);
    };
    type Res = { resource_type_id: string; external_id: string; parent_type_id: string | null; parent_external_id: string | null; display_name: string; description: string | null; is_user: boolean; email: string | null; login: string | null; user_status: string | null; profile: Record<string, string> | null };
    for await (const r of cursor<Res>(
      "bench_resources",
      `SELECT resource_type_id, external_id, parent_type_id, parent_external_id, display_name, description, is_user, email, login, user_status, profile
         FROM resources WHERE sync_run_id = $1 AND (NOT is_user OR abs(hashtext(external_id)) % 1000 < $2) ORDER BY id`,
      [runId, keep],
    )) {
      yield {
        type: "resource",
        resourceTypeId: r.resource_type_id,
        id: r.external_id,
        displayName: r.display_name,
        ...(r.description ? { description: r.description } : {}),
        ...(r.parent_type_id && r.parent_external_id ? { parent: { resourceTypeId: r.parent_type_id, id: r.parent_external_id } } : {}),
        ...(r.is_user ? { user: { ...(r.email ? { email: r.email } : {}), ...(r.login ? { login: r.login } : {}), status: (r.user_status ?? "unspecified") as "enabled" } } : {}),
        ...(r.profile ? { profile: r.profile } : {}),
      };
    }
    type Ent = { external_id: string; resource_type_id: string; resource_external_id: string; display_name: string; description: string | null; slug: string; purpose: string; grantable_to: string[] | null; provisionable: boolean };
    for await (const e of cursor<Ent>(
      "bench_entitlements",
      `SELECT external_id, resource_type_id, resource_external_id, display_name, description, slug, purpose, grantable_to, provisionable FROM entitlements WHERE sync_run_id = $1 ORDER BY id`,
      [runId],
    )) {
      yield {
        type: "entitlement",
        id: e.external_id,
        resource: { resourceTypeId: e.resource_type_id, id: e.resource_external_id },
        displayName: e.display_name,
        ...(e.description ? { description: e.description } : {}),
        slug: e.slug,
        purpose: e.purpose === "permission" ? "permission" : "assignment",
        grantableTo: e.grantable_to ?? [],
        provisionable: e.provisionable,
      };
    }
    type Gr = { external_id: string; entitlement_id: string; principal_type_id: string; principal_external_id: string };
    for await (const g of cursor<Gr>(
      "bench_grants",
      `SELECT external_id, entitlement_id, principal_type_id, principal_external_id FROM grants
        WHERE sync_run_id = $1 AND (principal_type_id <> ALL($3::text[]) OR abs(hashtext(principal_external_id)) % 1000 < $2) ORDER BY id`,
      [runId, keep, userTypes],
    )) {
      yield { type: "grant", id: g.external_id, entitlementId: g.entitlement_id, principal: { resourceTypeId: g.principal_type_id, id: g.principal_external_id } };
    }
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

/** Writes the records as gzipped NDJSON, one per line, as the runner uploads them. */
export async function writeNdjson(records: AsyncIterable<SyncRecord>, file: string): Promise<number> {
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  let lines = 0;
  for await (const record of records) {
    if (!gzip.write(`${JSON.stringify(record)}\n`)) await once(gzip, "drain");
    lines += 1;
  }
  gzip.end();
  await done;
  return lines;
}

export type UploadFigures = { label: string; bytes: number; rows: number; wallMs: number; storeMs: number; matchMs: number; copyMs: number; rssBeforeMb: number; peakMb: number; status: number; error?: string };

type IngestApi = ReturnType<typeof import("@/lib/self-hosted/api/handlers").createIngestApi>;

/** A Baton connector with runner credentials, and a way to post a file to one of its upload routes. */
export async function uploadTarget(pool: pg.Pool, c1zLimitBytes: number) {
  const { seedBatonConnector } = await import("@/lib/self-hosted/api/test-env");
  const { createIngestApi } = await import("@/lib/self-hosted/api/handlers");
  const { createDefaultDeps } = await import("@/lib/self-hosted/api/deps");
  const { DEFAULT_LIMITS } = await import("@/lib/c1z");
  const { rotateClientCredentials } = await import("@/lib/self-hosted/rotate");
  // The .c1z this benchmark writes is not compressed (raw zstd blocks), so its file is as large
  // as its database: accept a file up to the decompressed bound instead of the compressed one.
  const api: IngestApi = createIngestApi(createDefaultDeps({ c1z: { ...DEFAULT_LIMITS, maxDecompressedBytes: c1zLimitBytes, maxCompressedBytes: c1zLimitBytes + MiB } }));
  const seeded = await seedBatonConnector(pool);
  const credentials = await rotateClientCredentials(seeded.connectorId, seeded.owner);
  const tokenResponse = await api.token(
    new Request("http://gatekeeper.test/api/v1/token", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.0.0.1" }, body: JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret }) }),
  );
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  if (!token) throw new Error(`No runner token (${tokenResponse.status}).`);

  async function upload(label: string, file: string, route: "uploadRecords" | "uploadC1z", contentType: string, encoding?: "gzip"): Promise<UploadFigures> {
    const { getRunProgress } = await import("@/lib/sync");
    const bytes = (await stat(file)).size;
    const rssBeforeMb = process.memoryUsage().rss / MiB;
    const rss = trackPeakRss({ sampledOnly: true });
    const started = performance.now();
    const response = await api[route](
      new Request(`http://gatekeeper.test/api/v1/${route === "uploadC1z" ? "uploads/c1z" : "uploads"}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": contentType, "content-length": String(bytes), ...(encoding ? { "content-encoding": encoding } : {}) },
        body: Readable.toWeb(createReadStream(file, { highWaterMark: MiB })) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit),
    );
    const answer = (await response.json()) as { runId?: string; error?: { message?: string }; message?: string };
    const wallMs = performance.now() - started;
    rss.stop();
    const figures: UploadFigures = { label, bytes, rows: 0, wallMs, storeMs: 0, matchMs: 0, copyMs: 0, rssBeforeMb, peakMb: rss.peakMb(), status: response.status };
    if (!response.ok || !answer.runId) return { ...figures, error: JSON.stringify(answer).slice(0, 300) };
    const run = await getRunProgress(answer.runId);
    const baseline = await rawCopyBaseline(pool, answer.runId);
    return { ...figures, ...storeTimes(run?.timings ?? {}), rows: baseline.rows, copyMs: baseline.copyMs };
  }
  return { upload };
}

export function uploadRows(f: UploadFigures): [string, string][] {
  if (f.error) return [[f.label, `refused (${f.status}): ${f.error}`]];
  return [
    [f.label, `${fmt(f.bytes / MiB)} MB, ${fmt(f.rows)} rows stored`],
    ["  wall time (upload, parse, store)", `${fmt(f.wallMs / 1000, 1)} s (${fmt(f.rows / (f.wallMs / 1000))} rows/s)`],
    ["  RSS before → peak while uploading", `${fmt(f.rssBeforeMb)} → ${fmt(f.peakMb)} MB`],
    ["  store write / raw COPY", `${fmt(f.storeMs)} / ${fmt(f.copyMs)} ms = ${fmt(f.storeMs / f.copyMs, 2)} (target ≤ 2); with the people match (${fmt(f.matchMs)} ms) ${fmt((f.storeMs + f.matchMs) / f.copyMs, 2)}`],
    ["  whole upload / raw COPY", fmt(f.wallMs / f.copyMs, 2)],
  ];
}
