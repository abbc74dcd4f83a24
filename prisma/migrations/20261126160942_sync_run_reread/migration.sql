-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "reread_requested_at" TIMESTAMP(3);
