import { db } from "@/lib/db/client";

export async function pingDatabase() {
  await db.$queryRaw`SELECT 1`;
}
