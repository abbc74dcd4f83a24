// GET /api/v1/tasks: the runner claims its connector's pending grants and revokes.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return getIngestApi().tasks(request);
}
