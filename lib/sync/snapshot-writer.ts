// Streams records into a run's own tables: rows are encoded into one buffer per table and
// sent with COPY when a buffer reaches batchBytes, so memory stays at a few buffers whatever
// the size of the snapshot. The adapter waits while a batch is written. Overlapping the two
// was tried: on a 2-core machine the sync took as long (the database, the adapter and the
// upstream share the CPUs) and the write time could no longer be measured.
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";
import { copyRows, encodeRow, encodeValue } from "./copy";
import { PHASE_OF, PHASE_ORDER, toRow, type Phase } from "./records";
import { SNAPSHOT_COLUMNS, SNAPSHOT_TABLES, snapshotTableName, type SnapshotTable } from "./snapshot-tables";

export type SnapshotCounts = { resourceTypes: number; resources: number; accounts: number; entitlements: number; grants: number };

export const emptyCounts = (): SnapshotCounts => ({ resourceTypes: 0, resources: 0, accounts: 0, entitlements: 0, grants: 0 });

const COUNT_KEY: Record<SnapshotTable, keyof SnapshotCounts> = {
  resource_types: "resourceTypes",
  resources: "resources",
  entitlements: "entitlements",
  grants: "grants",
};

export type WriterOptions = {
  /** Characters per COPY statement (about bytes for ASCII data). */
  batchBytes?: number;
};

export class SnapshotWriter {
  readonly counts = emptyCounts();
  phase: Phase = "resource-types";
  /** Milliseconds spent encoding rows and inside COPY statements. */
  storeWriteMs = 0;

  private readonly buffers = Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, ""])) as Record<SnapshotTable, string>;
  private readonly prefix: string;
  private readonly batchBytes: number;
  private readonly userTypes = new Set<string>();
  private readonly grantCounts = new Map<string, number>();

  constructor(
    private readonly client: pg.ClientBase,
    private readonly runId: string,
    connectorId: string,
    options: WriterOptions = {},
  ) {
    this.prefix = `${encodeValue(connectorId)}\t${encodeValue(runId)}\t`;
    this.batchBytes = options.batchBytes ?? 2_000_000;
  }

  async add(record: SyncRecord) {
    const started = performance.now();
    const { table, values, account, grantOf } = toRow(record, this.userTypes);
    this.buffers[table] += this.prefix + encodeRow(values);
    this.counts[COUNT_KEY[table]]++;
    if (account) this.counts.accounts++;
    if (grantOf !== undefined) this.grantCounts.set(grantOf, (this.grantCounts.get(grantOf) ?? 0) + 1);
    const phase = PHASE_OF[record.type];
    if (PHASE_ORDER.indexOf(phase) > PHASE_ORDER.indexOf(this.phase)) this.phase = phase;
    this.storeWriteMs += performance.now() - started;
    if (this.buffers[table].length >= this.batchBytes) await this.send(table);
  }

  private async send(table: SnapshotTable) {
    const payload = this.buffers[table];
    this.buffers[table] = "";
    const started = performance.now();
    await copyRows(this.client, snapshotTableName(table, this.runId), SNAPSHOT_COLUMNS[table], payload);
    this.storeWriteMs += performance.now() - started;
  }

  /** Sends what is left and stores the grant count of every entitlement. */
  async finish(): Promise<SnapshotCounts> {
    for (const table of SNAPSHOT_TABLES) if (this.buffers[table]) await this.send(table);
    if (this.grantCounts.size > 0) {
      const started = performance.now();
      await this.client.query(
        `UPDATE ${snapshotTableName("entitlements", this.runId)} e SET grant_count = v.count
           FROM unnest($1::text[], $2::int[]) AS v(id, count) WHERE e.external_id = v.id`,
        [[...this.grantCounts.keys()], [...this.grantCounts.values()]],
      );
      this.storeWriteMs += performance.now() - started;
    }
    return this.counts;
  }
}
