-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('SUPER_ADMIN', 'CONNECTOR_ADMIN', 'USER');

-- CreateEnum
CREATE TYPE "ConnectorStatus" AS ENUM ('PENDING_SETUP', 'SYNCING', 'CONNECTED', 'ERROR', 'DISABLED');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'OUTBOX');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "password_hash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "last_sign_in_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "applications" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "managed" BOOLEAN NOT NULL DEFAULT false,
    "discovered_from" TEXT,
    "discovered_accounts" INTEGER,
    "managed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_owners" (
    "application_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,

    CONSTRAINT "application_owners_pkey" PRIMARY KEY ("application_id","user_id")
);

-- CreateTable
CREATE TABLE "connectors" (
    "id" TEXT NOT NULL,
    "catalog_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "status" "ConnectorStatus" NOT NULL DEFAULT 'PENDING_SETUP',
    "status_reason" TEXT,
    "settings_sealed" TEXT,
    "settings_public" JSONB,
    "provisioning_enabled" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sync_interval_minutes" INTEGER NOT NULL DEFAULT 60,
    "baton_provider" TEXT,
    "client_id" TEXT,
    "client_secret_hash" TEXT,
    "client_rotated_at" TIMESTAMP(3),
    "last_seen_at" TIMESTAMP(3),
    "runner_version" TEXT,
    "current_sync_run_id" TEXT,
    "last_sync_at" TIMESTAMP(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_owners" (
    "connector_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connector_owners_pkey" PRIMARY KEY ("connector_id","user_id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "phase" TEXT,
    "resource_types_count" INTEGER NOT NULL DEFAULT 0,
    "resources_count" INTEGER NOT NULL DEFAULT 0,
    "entitlements_count" INTEGER NOT NULL DEFAULT 0,
    "grants_count" INTEGER NOT NULL DEFAULT 0,
    "error_kind" TEXT,
    "error_message" TEXT,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3),

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_logs" (
    "id" BIGSERIAL NOT NULL,
    "sync_run_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "sync_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_types" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT NOT NULL,
    "sync_run_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "traits" TEXT[],
    "description" TEXT,

    CONSTRAINT "resource_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resources" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT NOT NULL,
    "sync_run_id" TEXT NOT NULL,
    "resource_type_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "parent_type_id" TEXT,
    "parent_external_id" TEXT,
    "display_name" TEXT NOT NULL,
    "description" TEXT,
    "is_user" BOOLEAN NOT NULL DEFAULT false,
    "email" TEXT,
    "login" TEXT,
    "user_status" TEXT,
    "profile" JSONB,

    CONSTRAINT "resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entitlements" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT NOT NULL,
    "sync_run_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "resource_type_id" TEXT NOT NULL,
    "resource_external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "description" TEXT,
    "slug" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'assignment',
    "grantable_to" TEXT[],
    "provisionable" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "entitlements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grants" (
    "id" BIGSERIAL NOT NULL,
    "connector_id" TEXT NOT NULL,
    "sync_run_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "entitlement_id" TEXT NOT NULL,
    "principal_type_id" TEXT NOT NULL,
    "principal_external_id" TEXT NOT NULL,

    CONSTRAINT "grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "system_settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "email_messages" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" "EmailStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "kind" TEXT NOT NULL,
    "connector_id" TEXT,
    "target_type" TEXT,
    "target_id" TEXT,
    "summary" TEXT NOT NULL,
    "result" TEXT NOT NULL DEFAULT 'ok',
    "data" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "password_tokens_token_hash_key" ON "password_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_tokens_user_id_idx" ON "password_tokens"("user_id");

-- CreateIndex
CREATE INDEX "applications_managed_name_idx" ON "applications"("managed", "name");

-- CreateIndex
CREATE UNIQUE INDEX "connectors_client_id_key" ON "connectors"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "connectors_current_sync_run_id_key" ON "connectors"("current_sync_run_id");

-- CreateIndex
CREATE INDEX "connectors_application_id_idx" ON "connectors"("application_id");

-- CreateIndex
CREATE INDEX "connector_owners_user_id_idx" ON "connector_owners"("user_id");

-- CreateIndex
CREATE INDEX "sync_runs_connector_id_queued_at_idx" ON "sync_runs"("connector_id", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "sync_logs_sync_run_id_id_idx" ON "sync_logs"("sync_run_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "resource_types_sync_run_id_external_id_key" ON "resource_types"("sync_run_id", "external_id");

-- CreateIndex
CREATE INDEX "resources_sync_run_id_is_user_display_name_id_idx" ON "resources"("sync_run_id", "is_user", "display_name", "id");

-- CreateIndex
CREATE INDEX "resources_sync_run_id_is_user_email_id_idx" ON "resources"("sync_run_id", "is_user", "email", "id");

-- CreateIndex
CREATE UNIQUE INDEX "resources_sync_run_id_resource_type_id_external_id_key" ON "resources"("sync_run_id", "resource_type_id", "external_id");

-- CreateIndex
CREATE INDEX "entitlements_sync_run_id_display_name_id_idx" ON "entitlements"("sync_run_id", "display_name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "entitlements_sync_run_id_external_id_key" ON "entitlements"("sync_run_id", "external_id");

-- CreateIndex
CREATE INDEX "grants_sync_run_id_entitlement_id_idx" ON "grants"("sync_run_id", "entitlement_id");

-- CreateIndex
CREATE INDEX "grants_sync_run_id_principal_type_id_principal_external_id_idx" ON "grants"("sync_run_id", "principal_type_id", "principal_external_id");

-- CreateIndex
CREATE INDEX "email_messages_status_next_attempt_at_idx" ON "email_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "email_messages_created_at_idx" ON "email_messages"("created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_at_id_idx" ON "audit_events"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_kind_at_idx" ON "audit_events"("kind", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_connector_id_at_idx" ON "audit_events"("connector_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_id_at_idx" ON "audit_events"("actor_id", "at" DESC);

-- AddForeignKey
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_owners" ADD CONSTRAINT "application_owners_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_owners" ADD CONSTRAINT "application_owners_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_current_sync_run_id_fkey" FOREIGN KEY ("current_sync_run_id") REFERENCES "sync_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_owners" ADD CONSTRAINT "connector_owners_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_owners" ADD CONSTRAINT "connector_owners_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_logs" ADD CONSTRAINT "sync_logs_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Audit events are append-only: no one edits or deletes them, whatever the app does.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
