-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "accounts_added" INTEGER,
ADD COLUMN     "accounts_removed" INTEGER,
ADD COLUMN     "grants_added" INTEGER,
ADD COLUMN     "grants_removed" INTEGER;
