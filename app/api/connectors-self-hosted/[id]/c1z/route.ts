// POST /api/connectors-self-hosted/<id>/c1z[?allowUnfinished=true]: the connector page's
// "Upload .c1z". Administrators and the connector's owners; checked in uploadC1zFromConsole.
import { ALL_ROLES } from "@/lib/action";
import { uploadC1zFromConsole } from "@/lib/self-hosted/console-upload";
import { withUser } from "@/lib/route";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

export const POST = withUser<{ params: Promise<{ id: string }> }>(ALL_ROLES, async (request, user, { params }) => {
  const { id } = await params;
  return uploadC1zFromConsole(request, id, user);
});
