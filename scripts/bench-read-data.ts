// The organisation `npm run bench:read` reads: one managed app whose connector synced (through
// the real ingest path) `accounts` accounts and `grants` grants over 5,001 entitlements, among
// them one entitlement every account holds and one account holding 5,000 grants; more managed
// and unmanaged apps for the Applications list; `auditEvents` audit rows and `people` people,
// written by SQL (their pages read them; how they were written does not matter).
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";

export type BenchFixture = {
  appId: string;
  connectorId: string;
  accounts: number;
  entitlements: number;
  grants: number;
  bigEntitlementId: string;
  powerAccountId: string;
  auditEvents: number;
  auditKind: string;
  people: number;
  accountSearch: string;
  entitlementSearch: string;
  peopleSearch: string;
};

const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Ella", "Finn", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia"];
const LAST = ["Ng", "Smith", "Garcia", "Kim", "Müller", "Rossi", "Dubois", "Silva", "Khan", "Ito", "Novak", "Berg"];
const TEAMS = 5_000;
const POWER = "u1";
const AUDIT_KINDS = ["sync.completed", "sync.failed", "sync.uploaded", "connector.updated", "entitlement.granted", "entitlement.revoked", "user.added", "user.signed_in", "settings.updated", "account.linked"];

export function fixtureFor(sizes: { accounts: number; grants: number; auditEvents: number; people: number }): BenchFixture {
  return {
    appId: "benchapp",
    connectorId: "benchconnector",
    accounts: sizes.accounts,
    entitlements: TEAMS + 1,
    grants: sizes.grants,
    bigEntitlementId: "group:everyone:member",
    powerAccountId: POWER,
    auditEvents: sizes.auditEvents,
    auditKind: "entitlement.granted",
    people: sizes.people,
    accountSearch: "smith 4",
    entitlementSearch: "team 42",
    peopleSearch: "milo",
  };
}

const nameOf = (i: number) => `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 13) % LAST.length]} ${i}`;
const emailOf = (i: number) => `${FIRST[(i * 7) % FIRST.length]}.${LAST[(i * 13) % LAST.length]}.${i}@example.com`.toLowerCase();

/**
 * Every account holds "Everyone"; the power account holds every team; the rest of the grants
 * are spread over the teams, two or three per account.
 */
export async function* organisation(f: BenchFixture): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
  yield { type: "resource", resourceTypeId: "group", id: "everyone", displayName: "Everyone" };
  yield { type: "entitlement", id: f.bigEntitlementId, resource: { resourceTypeId: "group", id: "everyone" }, displayName: "Everyone member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (let g = 0; g < TEAMS; g++) {
    yield { type: "resource", resourceTypeId: "group", id: `g${g}`, displayName: `Team ${g}` };
    yield { type: "entitlement", id: `group:g${g}:member`, resource: { resourceTypeId: "group", id: `g${g}` }, displayName: `Team ${g} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  const spread = Math.max(0, f.grants - f.accounts - TEAMS);
  const others = Math.max(1, f.accounts - 1);
  const each = Math.floor(spread / others);
  const extra = spread - each * others;
  for (let i = 0; i < f.accounts; i++) {
    const id = `u${i}`;
    yield { type: "resource", resourceTypeId: "user", id, displayName: nameOf(i), user: { email: emailOf(i), status: i % 25 === 0 ? "disabled" : "enabled" } };
    yield { type: "grant", id: `${id}:everyone`, entitlementId: f.bigEntitlementId, principal: { resourceTypeId: "user", id } };
    if (id === POWER) {
      for (let g = 0; g < TEAMS; g++) yield { type: "grant", id: `${id}:t${g}`, entitlementId: `group:g${g}:member`, principal: { resourceTypeId: "user", id } };
      continue;
    }
    const k = each + (i < extra + 1 ? 1 : 0);
    for (let m = 0; m < k; m++) yield { type: "grant", id: `${id}:${m}`, entitlementId: `group:g${(i * 7 + m * 1_013) % TEAMS}:member`, principal: { resourceTypeId: "user", id } };
  }
}

/** Apps for the Applications list, audit events and people, by SQL. */
export async function fillAdminData(pool: pg.Pool, f: BenchFixture) {
  await pool.query(
    `INSERT INTO applications (id, name, managed, updated_at) SELECT 'managed' || n, 'Managed app ' || n, true, now() FROM generate_series(1, 40) n`,
  );
  await pool.query(
    `INSERT INTO applications (id, name, managed, discovered_from, discovered_accounts, updated_at)
     SELECT 'found' || n, 'Discovered app ' || n, false, 'Okta', n * 3, now() FROM generate_series(1, 500) n`,
  );
  await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('idpapp', 'Okta', true, now())`);
  await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ('benchidp', 'okta', 'Okta', 'idpapp', 'CONNECTED', now())`);
  await pool.query(
    `INSERT INTO audit_events (at, actor_id, actor_email, kind, connector_id, target_type, target_id, summary, result, data)
     SELECT now() - make_interval(secs => ($1::int - n) * 30), 'benchuser', 'admin@example.com', ($3::text[])[1 + n % array_length($3::text[], 1)],
            $2, 'connector', $2, 'admin@example.com did thing ' || n, CASE WHEN n % 50 = 0 THEN 'failed' ELSE 'ok' END, jsonb_build_object('n', n)
       FROM generate_series(1, $1::int) n`,
    [f.auditEvents, f.connectorId, AUDIT_KINDS],
  );
  await pool.query(
    `INSERT INTO people (id, identity_connector_id, external_id, display_name, email, email_key, status, department, title)
     SELECT 'p' || n, 'benchidp', 'okta' || n, ($2::text[])[1 + (n * 7) % 16] || ' ' || ($3::text[])[1 + (n * 13) % 12] || ' ' || n,
            lower(($2::text[])[1 + (n * 7) % 16] || '.' || ($3::text[])[1 + (n * 13) % 12] || '.' || n || '@example.com'),
            lower(($2::text[])[1 + (n * 7) % 16] || '.' || ($3::text[])[1 + (n * 13) % 12] || '.' || n || '@example.com'),
            CASE WHEN n % 40 = 0 THEN 'deactivated' ELSE 'active' END, 'Dept ' || n % 30, 'Engineer'
       FROM generate_series(0, $1::int - 1) n`,
    [f.people, FIRST, LAST],
  );
}
