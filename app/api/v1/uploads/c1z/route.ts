// POST /api/v1/uploads/c1z[?allowUnfinished=true]: a Baton .c1z file as the request body.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

export function POST(request: Request) {
  return getIngestApi().uploadC1z(request);
}
