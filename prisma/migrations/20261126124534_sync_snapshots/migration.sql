-- The sync engine's store. Written by hand around the Prisma diff, because Prisma cannot
-- express what it needs: partitioned tables, partial and expression indexes, collations.
--
-- 1. A connector has at most one QUEUED or RUNNING run, whatever process enqueues it.
-- 2. The synced tables are LIST-partitioned by sync_run_id. A run COPYs into its own plain
--    tables in the "snapshots" schema, builds their indexes once when the stream ends, and
--    attaches them as partitions in the transaction that makes the run current. A failed or
--    killed run never touched the visible tables; an old snapshot is dropped as whole tables.
--    The indexes below are the templates a run's tables copy (lib/sync/snapshot-tables.ts).
-- 3. Text columns use COLLATE "C": ids compare bytewise and index builds sort several times
--    faster than under a libc locale; names are sorted by lower(display_name).
-- The tables were empty (nothing wrote them before the sync engine), so they are recreated.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA IF NOT EXISTS "snapshots";

-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "accounts_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cancel_requested_at" TIMESTAMP(3),
ADD COLUMN     "next_attempt_at" TIMESTAMP(3),
ADD COLUMN     "timings" JSONB;

-- CreateIndex
CREATE INDEX "sync_runs_status_idx" ON "sync_runs"("status");

CREATE UNIQUE INDEX "sync_runs_one_active_per_connector" ON "sync_runs"("connector_id") WHERE "status" IN ('QUEUED', 'RUNNING');

DROP TABLE "resource_types";
DROP TABLE "resources";
DROP TABLE "entitlements";
DROP TABLE "grants";

CREATE TABLE "resource_types" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT COLLATE "C" NOT NULL,
    "sync_run_id" TEXT COLLATE "C" NOT NULL,
    "external_id" TEXT COLLATE "C" NOT NULL,
    "display_name" TEXT COLLATE "C" NOT NULL,
    "traits" TEXT[],
    "description" TEXT
) PARTITION BY LIST ("sync_run_id");

CREATE UNIQUE INDEX "resource_types_sync_run_id_external_id_key" ON "resource_types"("sync_run_id", "external_id");

CREATE TABLE "resources" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT COLLATE "C" NOT NULL,
    "sync_run_id" TEXT COLLATE "C" NOT NULL,
    "resource_type_id" TEXT COLLATE "C" NOT NULL,
    "external_id" TEXT COLLATE "C" NOT NULL,
    "parent_type_id" TEXT COLLATE "C",
    "parent_external_id" TEXT COLLATE "C",
    "display_name" TEXT COLLATE "C" NOT NULL,
    "description" TEXT,
    "is_user" BOOLEAN NOT NULL DEFAULT false,
    "email" TEXT COLLATE "C",
    "login" TEXT COLLATE "C",
    "user_status" TEXT COLLATE "C",
    "profile" JSONB
) PARTITION BY LIST ("sync_run_id");

CREATE UNIQUE INDEX "resources_sync_run_id_resource_type_id_external_id_key" ON "resources"("sync_run_id", "resource_type_id", "external_id");
-- The Accounts tab: keyset pages by name or email, substring search on both.
CREATE INDEX "resources_accounts_name_idx" ON "resources"(lower("display_name"), "id") WHERE "is_user";
CREATE INDEX "resources_accounts_email_idx" ON "resources"(lower(coalesce("email", '')), "id") WHERE "is_user";
CREATE INDEX "resources_accounts_search_idx" ON "resources" USING gin ((lower("display_name") || ' ' || lower(coalesce("email", ''))) gin_trgm_ops) WHERE "is_user";

CREATE TABLE "entitlements" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT COLLATE "C" NOT NULL,
    "sync_run_id" TEXT COLLATE "C" NOT NULL,
    "external_id" TEXT COLLATE "C" NOT NULL,
    "resource_type_id" TEXT COLLATE "C" NOT NULL,
    "resource_external_id" TEXT COLLATE "C" NOT NULL,
    "display_name" TEXT COLLATE "C" NOT NULL,
    "description" TEXT,
    "slug" TEXT COLLATE "C" NOT NULL,
    "purpose" TEXT COLLATE "C" NOT NULL DEFAULT 'assignment',
    "grantable_to" TEXT[],
    "provisionable" BOOLEAN NOT NULL DEFAULT true,
    "grant_count" INTEGER NOT NULL DEFAULT 0
) PARTITION BY LIST ("sync_run_id");

CREATE UNIQUE INDEX "entitlements_sync_run_id_external_id_key" ON "entitlements"("sync_run_id", "external_id");
CREATE INDEX "entitlements_resource_type_id_resource_external_id_idx" ON "entitlements"("resource_type_id", "resource_external_id");
-- The Entitlements tab: keyset pages by name or by grant count.
CREATE INDEX "entitlements_name_idx" ON "entitlements"(lower("display_name"), "id");
CREATE INDEX "entitlements_grant_count_idx" ON "entitlements"("grant_count", "id");

CREATE TABLE "grants" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT COLLATE "C" NOT NULL,
    "sync_run_id" TEXT COLLATE "C" NOT NULL,
    "external_id" TEXT COLLATE "C" NOT NULL,
    "entitlement_id" TEXT COLLATE "C" NOT NULL,
    "principal_type_id" TEXT COLLATE "C" NOT NULL,
    "principal_external_id" TEXT COLLATE "C" NOT NULL
) PARTITION BY LIST ("sync_run_id");

-- An entitlement's holders; an account's grants. Equality lookups only, so the indexes hold a
-- 4-byte hash of the id (queries recheck the id itself): on a million grants they build in
-- about a third of the time of a btree over the text ids.
CREATE INDEX "grants_entitlement_hash_idx" ON "grants"(hashtext("entitlement_id"));
CREATE INDEX "grants_principal_hash_idx" ON "grants"(hashtext("principal_external_id"));
