-- CreateTable
CREATE TABLE "access_review_campaigns" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "scope" JSONB NOT NULL,
    "reviewer_policy" TEXT NOT NULL,
    "named_reviewer_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "fallback_reviewer_id" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "reminder_days" INTEGER NOT NULL DEFAULT 3,
    "default_decision" TEXT NOT NULL DEFAULT 'keep',
    "remediate_immediately" BOOLEAN NOT NULL DEFAULT false,
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "launched_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "reminded_at" TIMESTAMP(3),
    "overdue_at" TIMESTAMP(3),

    CONSTRAINT "access_review_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_review_reviewers" (
    "campaign_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "assigned_count" INTEGER NOT NULL DEFAULT 0,
    "decided_count" INTEGER NOT NULL DEFAULT 0,
    "notified_at" TIMESTAMP(3),

    CONSTRAINT "access_review_reviewers_pkey" PRIMARY KEY ("campaign_id","user_id")
);

-- CreateIndex
CREATE INDEX "access_review_campaigns_status_due_at_idx" ON "access_review_campaigns"("status", "due_at");

-- CreateIndex
CREATE INDEX "access_review_reviewers_user_id_idx" ON "access_review_reviewers"("user_id");

-- AddForeignKey
ALTER TABLE "access_review_reviewers" ADD CONSTRAINT "access_review_reviewers_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "access_review_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Review items: LIST-partitioned by campaign in their own schema. Launch fills a plain table
-- with one INSERT … SELECT, then attaches it (the CHECK lets ATTACH skip its scan, and the
-- indexes are built once over the full table instead of maintained row by row). Cancelling or
-- deleting a campaign's evidence is dropping its partition. Prisma does not model this table.
CREATE SCHEMA IF NOT EXISTS "reviews";
CREATE SEQUENCE "reviews"."item_id_seq" CACHE 1000;
CREATE TABLE "reviews"."items" (
  "campaign_id" TEXT COLLATE "C" NOT NULL,
  "id" BIGINT NOT NULL DEFAULT nextval('"reviews"."item_id_seq"'),
  "reviewer_id" TEXT COLLATE "C" NOT NULL,
  "connector_id" TEXT COLLATE "C" NOT NULL,
  "app_id" TEXT COLLATE "C" NOT NULL,
  "app_name" TEXT NOT NULL,
  "account_type_id" TEXT COLLATE "C" NOT NULL,
  "account_id" TEXT COLLATE "C" NOT NULL,
  "account_name" TEXT NOT NULL,
  "account_email" TEXT,
  "person_id" TEXT,
  "person_name" TEXT,
  "person_email" TEXT,
  "entitlement_id" TEXT COLLATE "C" NOT NULL,
  "entitlement_name" TEXT NOT NULL,
  "entitlement_description" TEXT,
  -- The grant's history is not kept across snapshots, so this is the sync that last saw it.
  "last_sync_at" TIMESTAMPTZ,
  "orphaned" BOOLEAN NOT NULL DEFAULT false,
  "unmatched" BOOLEAN NOT NULL DEFAULT false,
  "privileged" BOOLEAN NOT NULL DEFAULT false,
  -- certify or revoke; decided_by_id NULL with a decision: the campaign's default at close.
  "decision" TEXT,
  "reason" TEXT,
  "decided_by_id" TEXT,
  "decided_at" TIMESTAMPTZ,
  "reassigned_from_id" TEXT,
  "reassign_note" TEXT,
  -- The grant left the upstream before anyone decided.
  "gone_at" TIMESTAMPTZ,
  -- pending → sending → sent | failed | manual → manual_done (lib/reviews/remediate.ts)
  "remediation" TEXT,
  "remediation_message" TEXT,
  "remediation_claimed_at" TIMESTAMPTZ,
  "remediated_at" TIMESTAMPTZ,
  -- verified | still_present, written by the first sync after the revoke.
  "verification" TEXT,
  "verified_at" TIMESTAMPTZ
) PARTITION BY LIST ("campaign_id");
-- Every query names its campaign, so it reads one partition: the partitions' indexes leave the
-- (constant) campaign out, which makes them smaller and quicker to build at launch. Ids come from
-- one sequence, so they are unique without a constraint to check. The inbox pages by
-- (campaign partition, reviewer, id).
CREATE INDEX "items_id" ON "reviews"."items" ("id");
CREATE INDEX "items_inbox" ON "reviews"."items" ("reviewer_id", "id");
CREATE INDEX "items_remediation" ON "reviews"."items" ("connector_id", "remediation") WHERE "remediation" IS NOT NULL;
-- The owners' by-hand tasks, whatever campaign they are in: exactly the tasks query's predicate.
CREATE INDEX "items_tasks" ON "reviews"."items" ("connector_id") WHERE "remediation" IN ('manual', 'failed') OR "verification" = 'still_present';

-- Each reviewer's progress per campaign (the inbox's "decided of assigned"), kept per statement
-- from the UPDATEs' transition tables (decisions, reassignments, close, overdue hand-overs), so
-- the inbox never counts a reviewer's items: a whole-app campaign gives one reviewer millions.
-- Launch inserts into the campaign's table before it is attached (no trigger) and counts then.
CREATE FUNCTION "reviews"."count_reviewer_items"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "access_review_reviewers" ("campaign_id", "user_id", "assigned_count", "decided_count")
  SELECT campaign_id, reviewer_id, sum(n)::int, sum(d)::int
    FROM (SELECT campaign_id, reviewer_id, 1 AS n, (decision IS NOT NULL)::int AS d FROM new_rows
          UNION ALL
          SELECT campaign_id, reviewer_id, -1, -(decision IS NOT NULL)::int FROM old_rows) changes
   GROUP BY campaign_id, reviewer_id
  HAVING sum(n) <> 0 OR sum(d) <> 0
  ON CONFLICT ("campaign_id", "user_id") DO UPDATE
     SET "assigned_count" = "access_review_reviewers"."assigned_count" + EXCLUDED."assigned_count",
         "decided_count" = "access_review_reviewers"."decided_count" + EXCLUDED."decided_count";
  RETURN NULL;
END $$;

CREATE TRIGGER "items_reviewer_counts" AFTER UPDATE ON "reviews"."items"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "reviews"."count_reviewer_items"();
