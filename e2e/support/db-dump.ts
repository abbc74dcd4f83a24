// Every column of every table, as text, for the leak scan: plain tables and each partition
// of the partitioned snapshot tables (read directly, so a detached leftover is read too),
// in every schema the app uses (pg-boss's jobs included). The sealed columns (AES-256-GCM:
// connector settings, an undelivered email's full body, the SSO client secret) are the only ones meant to hold a
// secret; hashes are read: they must not be the secret.
import { testDb } from "./db";

const SEALED = new Set(["public.connectors.settings_sealed", "public.email_messages.sealed_body", "public.sso_settings.client_secret_sealed"]);

export type DumpedColumn = { name: string; text: string };

type ColumnRow = { table_schema: string; table_name: string; column_name: string };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dumpDatabase(): Promise<DumpedColumn[]> {
  const { rows } = await testDb().query<ColumnRow>(
    `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN pg_namespace n ON n.nspname = c.table_schema
       JOIN pg_class r ON r.relnamespace = n.oid AND r.relname = c.table_name
      WHERE r.relkind = 'r' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const table = `${quote(row.table_schema)}.${quote(row.table_name)}`;
    if (SEALED.has(`${row.table_schema}.${row.table_name}.${row.column_name}`)) continue;
    tables.set(table, [...(tables.get(table) ?? []), row.column_name]);
  }
  const columns: DumpedColumn[] = [];
  for (const [table, names] of tables) {
    const select = names.map((name, i) => `${quote(name)}::text AS c${i}`).join(", ");
    const { rows: values } = await testDb().query<Record<string, string | null>>(`SELECT ${select} FROM ${table}`);
    names.forEach((name, i) => {
      columns.push({ name: `${table.replace(/"/g, "")}.${name}`, text: values.map((v) => v[`c${i}`] ?? "").join("\n") });
    });
  }
  return columns;
}
