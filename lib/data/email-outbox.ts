import { db } from "@/lib/db/client";

export function listEmailMessages(limit = 100) {
  return db.emailMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
