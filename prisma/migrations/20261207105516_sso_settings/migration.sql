-- CreateTable
CREATE TABLE "sso_settings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "display_name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_sealed" TEXT NOT NULL,
    "client_secret_hint" TEXT NOT NULL,
    "allow_sign_up" BOOLEAN NOT NULL DEFAULT false,
    "default_role" "Role" NOT NULL DEFAULT 'USER',
    "groups_claim" TEXT,
    "group_roles" JSONB NOT NULL DEFAULT '[]',
    "require_sso" BOOLEAN NOT NULL DEFAULT false,
    "break_glass_user_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "sso_settings_pkey" PRIMARY KEY ("id")
);

-- One row only: the console has one identity provider.
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_single_row" CHECK ("id" = 'default');
