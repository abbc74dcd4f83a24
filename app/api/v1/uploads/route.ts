// POST /api/v1/uploads: a sync as NDJSON SyncRecords (gzip optional), streamed into a new run.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";
// Large uploads stream for as long as they take; the size limit, not a timeout, bounds them.
export const maxDuration = 3600;

export function POST(request: Request) {
  return getIngestApi().uploadRecords(request);
}
