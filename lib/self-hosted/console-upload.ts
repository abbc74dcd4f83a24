// "Upload .c1z" on a Baton connector's page: the browser posts the file as the raw body to
// /api/connectors-self-hosted/<id>/c1z. Same checks and store path as the ingest API; the
// session user (an administrator or an owner of the connector) is the audited actor.
import { z } from "zod";
import { canEditConnector } from "@/lib/data/connector-access";
import { getSelfHostedConnector } from "@/lib/data/self-hosted";
import { DEFAULT_LIMITS, type C1zLimits } from "@/lib/c1z";
import { respondError, respondJson } from "./api/respond";
import { readLimitedBody } from "./body";
import { describeUploadFailure, importC1z } from "./import";
import { BATON_CATALOG_ID } from "./rotate";

const querySchema = z.object({ allowUnfinished: z.enum(["true", "false"]).default("false") });

/**
 * The Origin a browser sends must name this host. Compared with the Host header (or the proxy's
 * X-Forwarded-Host), not request.url: behind a proxy or on 127.0.0.1 vs localhost those differ.
 */
function isSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host === host.split(",")[0].trim();
  } catch {
    return false;
  }
}

type Actor = { id: string; email: string; role: "SUPER_ADMIN" | "CONNECTOR_ADMIN" | "USER" };

export async function uploadC1zFromConsole(request: Request, connectorId: string, actor: Actor, limits: C1zLimits = DEFAULT_LIMITS): Promise<Response> {
  if (!(await canEditConnector(actor, connectorId))) return respondError(403, "forbidden", "You do not have permission to do this.");
  // A content type a plain HTML form cannot send: cross-site pages would need a CORS preflight,
  // which this route never grants, so the session cookie cannot be used against it.
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/octet-stream") return respondError(415, "unsupported_media_type", "Send the .c1z file as application/octet-stream.");
  if (!isSameOrigin(request)) return respondError(403, "forbidden", "Cross-site uploads are refused.");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return respondError(400, "invalid_request", "allowUnfinished is true or false.");

  const connector = await getSelfHostedConnector(connectorId);
  if (!connector) return respondError(404, "not_found", "This connector no longer exists.");
  if (connector.catalogId !== BATON_CATALOG_ID) return respondError(400, "invalid_request", "Only self-hosted (Baton) connectors take .c1z uploads.");
  try {
    const bytes = await readLimitedBody(request, limits.maxCompressedBytes, ".c1z file");
    const result = await importC1z(connector, bytes, { via: "console", actor }, { allowUnfinished: query.data.allowUnfinished === "true", limits });
    return respondJson(result);
  } catch (error) {
    const { status, code, message } = describeUploadFailure(error, 'tick "Allow unfinished sync"');
    if (status === 500) console.error("Upload failed:", error instanceof Error ? error.message : error);
    return respondError(status, code, message);
  }
}
