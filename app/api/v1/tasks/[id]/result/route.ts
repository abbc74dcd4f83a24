// POST /api/v1/tasks/{id}/result: the runner reports how a grant or revoke went.
import { getIngestApi } from "@/lib/self-hosted/api/handlers";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return getIngestApi().taskResult(request, id);
}
