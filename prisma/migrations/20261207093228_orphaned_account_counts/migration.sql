-- The orphaned-access count of a run, kept by the matcher like unmatched_accounts, so the
-- console home page and the Orphaned access tab never count it on a view.
-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "orphaned_accounts" INTEGER;

-- People who left, in name order (with their id for the matcher's count): the Orphaned access
-- tab walks it and stops at the page instead of joining every link of every app.
DROP INDEX "people_left_idx";
CREATE INDEX "people_left_idx" ON "people" (lower("display_name"), "seq") INCLUDE ("id") WHERE "status" <> 'active';
