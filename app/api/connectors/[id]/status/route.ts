// The connector page polls this while a sync runs: status, the latest run's phase and counts.
// Administrators and the connector's owners only, checked here as in every action.
import { NextResponse } from "next/server";
import { ALL_ROLES, NOT_ALLOWED } from "@/lib/action";
import { canEditConnector } from "@/lib/data/connector-access";
import { getConnectorStatus } from "@/lib/data/connector-runs";
import { withUser } from "@/lib/route";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export const GET = withUser<{ params: Promise<{ id: string }> }>(ALL_ROLES, async (_request, user, { params }) => {
  const { id } = await params;
  if (!(await canEditConnector(user, id))) return NextResponse.json({ error: NOT_ALLOWED }, { status: 403, headers: noStore });
  const status = await getConnectorStatus(id);
  if (!status) return NextResponse.json({ error: "This connector no longer exists." }, { status: 404, headers: noStore });
  return NextResponse.json(status, { headers: noStore });
});
