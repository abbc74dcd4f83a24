-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "credential_expires_at" TIMESTAMP(3),
ADD COLUMN     "credential_expiry_source" TEXT,
ADD COLUMN     "failure_alert_threshold" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "connector_alert_states" (
    "connector_id" TEXT NOT NULL,
    "failure_kind" TEXT,
    "failure_sent_at" TIMESTAMP(3),
    "runner_silent_alert_at" TIMESTAMP(3),
    "expiry_warned_for" TIMESTAMP(3),
    "expiry_warned_days" INTEGER,
    "last_alert_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connector_alert_states_pkey" PRIMARY KEY ("connector_id")
);

-- AddForeignKey
ALTER TABLE "connector_alert_states" ADD CONSTRAINT "connector_alert_states_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
