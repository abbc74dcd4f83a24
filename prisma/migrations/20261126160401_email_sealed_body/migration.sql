-- AlterTable
ALTER TABLE "email_messages" ADD COLUMN     "sealed_body" TEXT;
