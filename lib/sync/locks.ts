// One run per connector at a time, across every worker and web process: a session-level
// advisory lock held on the run's own connection. If the process dies (even by SIGKILL) the
// server ends the session and the lock is released, so a lock that can be taken means no
// live process is running that connector.
import type pg from "pg";

const key = (connectorId: string) => `gatekeeper-sync:${connectorId}`;

export async function tryLockConnector(client: pg.ClientBase, connectorId: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [key(connectorId)]);
  return rows[0]?.locked === true;
}

export async function unlockConnector(client: pg.ClientBase, connectorId: string) {
  await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key(connectorId)]);
}

/** True when some session holds the connector's lock (asked from a session that does not). */
export async function isConnectorLocked(client: pg.ClientBase, connectorId: string): Promise<boolean> {
  if (!(await tryLockConnector(client, connectorId))) return true;
  await unlockConnector(client, connectorId);
  return false;
}

// Removing a snapshot table (detach, then drop) is several statements that cannot share a
// transaction (DETACH … CONCURRENTLY), and two removers can meet on one table: the publish
// that replaced the snapshot and the periodic sweep, in one process or in several. A
// session-level advisory lock per table serializes them; it is only ever tried, never
// waited for, so it can take no part in a lock cycle.
const tableKey = (tableName: string) => `gatekeeper-snapshot-table:${tableName}`;

export async function tryLockSnapshotTable(client: pg.ClientBase, tableName: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [tableKey(tableName)]);
  return rows[0]?.locked === true;
}

export async function unlockSnapshotTable(client: pg.ClientBase, tableName: string) {
  await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [tableKey(tableName)]);
}
