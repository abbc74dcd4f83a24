import { Badge, type Tone } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { connectorStatusLabels, type ConnectorStatusName } from "@/lib/validation/connector-options";

const tones: Record<ConnectorStatusName, Tone> = { PENDING_SETUP: "amber", SYNCING: "blue", CONNECTED: "green", ERROR: "red", DISABLED: "neutral" };

export function ConnectorStatusBadge({ status }: { status: ConnectorStatusName }) {
  return (
    <Badge tone={tones[status]}>
      {status === "SYNCING" && <Spinner className="size-3" />}
      {connectorStatusLabels[status]}
    </Badge>
  );
}
