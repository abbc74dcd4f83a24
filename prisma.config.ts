// The JS schema engine with the pg adapter, so the Prisma CLI needs no engine binary
// download (this machine is offline). `generate` and `migrate diff` need no database, but the
// schema's env("DATABASE_URL") must resolve or the CLI falls back to downloading a query
// engine, hence the placeholder. With this file present the CLI does not load .env.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

process.env.DATABASE_URL ??= "postgresql://localhost:5432/unused";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
