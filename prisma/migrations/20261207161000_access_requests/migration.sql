-- CreateTable
CREATE TABLE "request_settings" (
    "application_id" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL DEFAULT '',
    "entitlement_id" TEXT NOT NULL DEFAULT '',
    "requestable" BOOLEAN NOT NULL DEFAULT false,
    "first_approver" TEXT NOT NULL DEFAULT 'APP_OWNERS',
    "first_approver_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "second_approver" TEXT,
    "second_approver_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "low_risk" BOOLEAN NOT NULL DEFAULT false,
    "max_duration_hours" INTEGER NOT NULL DEFAULT 168,
    "default_duration_hours" INTEGER NOT NULL DEFAULT 8,
    "allow_permanent" BOOLEAN NOT NULL DEFAULT false,
    "justification_required" BOOLEAN NOT NULL DEFAULT true,
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_settings_pkey" PRIMARY KEY ("application_id","connector_id","entitlement_id")
);

-- CreateTable
CREATE TABLE "access_requests" (
    "id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "requester_email" TEXT NOT NULL,
    "requester_name" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "app_name" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL,
    "entitlement_id" TEXT NOT NULL,
    "entitlement_name" TEXT NOT NULL,
    "principal_type_id" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "principal_name" TEXT NOT NULL,
    "justification" TEXT NOT NULL DEFAULT '',
    "duration_hours" INTEGER,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "step" INTEGER NOT NULL DEFAULT 1,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "extends_request_id" TEXT,
    "ends_at" TIMESTAMP(3),
    "activated_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "claimed_at" TIMESTAMP(3),
    "end_as" TEXT,
    "revoke_attempts" INTEGER NOT NULL DEFAULT 0,
    "next_revoke_at" TIMESTAMP(3),
    "last_error" TEXT,
    "confirmed_at" TIMESTAMP(3),
    "removal_confirmed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_request_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "kind" TEXT NOT NULL,
    "step" INTEGER,
    "comment" TEXT,

    CONSTRAINT "access_request_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "request_settings_connector_id_entitlement_id_idx" ON "request_settings"("connector_id", "entitlement_id");

-- CreateIndex
CREATE INDEX "access_requests_requester_id_created_at_idx" ON "access_requests"("requester_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "access_requests_state_ends_at_idx" ON "access_requests"("state", "ends_at");

-- CreateIndex
CREATE INDEX "access_requests_connector_id_state_idx" ON "access_requests"("connector_id", "state");

-- CreateIndex
CREATE INDEX "access_request_events_request_id_id_idx" ON "access_request_events"("request_id", "id");

-- One open request per person and entitlement (two clicks, two tabs: one request); an extension
-- is its own request, one open at a time per request it extends.
CREATE UNIQUE INDEX "access_requests_one_open_key" ON "access_requests"("requester_id", "connector_id", "entitlement_id")
  WHERE "extends_request_id" IS NULL AND ("state" IN ('PENDING', 'APPROVED', 'PROVISIONING', 'ACTIVE') OR ("state" = 'FAILED' AND "ended_at" IS NULL));
CREATE UNIQUE INDEX "access_requests_one_extension_key" ON "access_requests"("extends_request_id")
  WHERE "extends_request_id" IS NOT NULL AND "state" = 'PENDING';
-- The expiry sweep: active grants by end time.
CREATE INDEX "access_requests_due_idx" ON "access_requests"("ends_at") WHERE "state" IN ('ACTIVE', 'FAILED') AND "ended_at" IS NULL;
-- The Request access catalog's search (substring of an entitlement's name, 50,000 requestable
-- entitlements): a trigram index on every snapshot's entitlements. Each run builds it with the
-- run's other indexes (snapshot-tables.ts copies the parent's definitions).
CREATE INDEX "entitlements_name_trgm_idx" ON "entitlements" USING gin (lower("display_name") gin_trgm_ops);
