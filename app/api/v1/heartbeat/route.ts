// POST /api/v1/heartbeat: the runner is alive (the connector page's "last seen") and its version.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return getIngestApi().heartbeat(request);
}
