// POST /api/v1/token: a self-hosted runner's client ID and secret for a short-lived access token.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return getIngestApi().token(request);
}
