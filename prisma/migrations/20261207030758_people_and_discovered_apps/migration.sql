-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "discovered_by_connector_id" TEXT,
ADD COLUMN     "discovered_external_id" TEXT,
ADD COLUMN     "discovered_gone_at" TIMESTAMP(3),
ADD COLUMN     "discovered_label" TEXT,
ADD COLUMN     "logo_url" TEXT;

-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "match_attribute" TEXT NOT NULL DEFAULT 'email';

-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "unmatched_accounts" INTEGER;

-- CreateTable
CREATE TABLE "people" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "identity_connector_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "email_key" TEXT,
    "login" TEXT,
    "login_key" TEXT,
    "status" TEXT NOT NULL,
    "raw_status" TEXT,
    "department" TEXT,
    "title" TEXT,
    "manager_external_id" TEXT,
    "manager_name" TEXT,
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMP(3),

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable (ids compare bytewise, as in the snapshot tables: faster key checks)
CREATE TABLE "account_links" (
    "connector_id" TEXT COLLATE "C" NOT NULL,
    "resource_type_id" TEXT COLLATE "C" NOT NULL,
    "account_external_id" TEXT COLLATE "C" NOT NULL,
    "person_id" TEXT,
    "method" TEXT NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "account_name" TEXT NOT NULL DEFAULT '',
    "account_email" TEXT,
    "account_active" BOOLEAN NOT NULL DEFAULT true,
    "account_present" BOOLEAN NOT NULL DEFAULT true,
    "seq" BIGSERIAL NOT NULL,
    "linked_by_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_links_pkey" PRIMARY KEY ("connector_id","resource_type_id","account_external_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "people_seq_key" ON "people"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "people_identity_connector_id_external_id_key" ON "people"("identity_connector_id", "external_id");

-- CreateIndex
CREATE INDEX "account_links_person_id_idx" ON "account_links"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "applications_discovered_by_connector_id_discovered_external_key" ON "applications"("discovered_by_connector_id", "discovered_external_id");

-- No index on email_key, login_key or status: matching hashes every person in one pass, and
-- each index costs every identity-provider sync ~10% of its people write.
-- Hand-written (Prisma cannot express expression indexes): the People list sorts by name and
-- searches name and email with trigrams, like the Accounts tab; orphaned access filters the
-- few people who left.
CREATE INDEX "people_name_seq_idx" ON "people" (lower("display_name"), "seq");
CREATE INDEX "people_search_idx" ON "people" USING gin ((lower("display_name") || ' ' || lower(coalesce("email", ''))) gin_trgm_ops);
CREATE INDEX "people_left_idx" ON "people" ("id") WHERE "status" <> 'active';

-- Unmatched accounts (a link row with no person, for an account the snapshot has), by name
-- over every app and within one connector: the Unmatched accounts tab walks one of these and
-- stops at the page, whatever the size of the snapshots.
CREATE INDEX "account_links_unmatched_idx" ON "account_links" (lower("account_name"), "seq") WHERE "person_id" IS NULL AND "account_present";
CREATE INDEX "account_links_unmatched_connector_idx" ON "account_links" ("connector_id", lower("account_name"), "seq") WHERE "person_id" IS NULL AND "account_present";
-- Searching them (name or email, anywhere in the text): trigrams over the same few rows.
CREATE INDEX "account_links_unmatched_search_idx" ON "account_links" USING gin ((lower("account_name") || ' ' || lower(coalesce("account_email", ''))) gin_trgm_ops) WHERE "person_id" IS NULL AND "account_present";
