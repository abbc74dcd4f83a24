-- CreateTable
CREATE TABLE "provisioning_tasks" (
    "id" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entitlement_id" TEXT NOT NULL,
    "principal_type_id" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "requested_by_id" TEXT,
    "requested_by_email" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "provisioning_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provisioning_tasks_connector_id_status_created_at_idx" ON "provisioning_tasks"("connector_id", "status", "created_at");

-- AddForeignKey
ALTER TABLE "provisioning_tasks" ADD CONSTRAINT "provisioning_tasks_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
