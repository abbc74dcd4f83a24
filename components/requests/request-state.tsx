// A request's state as the requester and approvers read it: "Active until 7 Dec 17:05 UTC".
import { Badge, type Tone } from "@/components/ui/badge";

const tones: Record<string, Tone> = {
  PENDING: "amber",
  APPROVED: "blue",
  PROVISIONING: "blue",
  ACTIVE: "green",
  DENIED: "red",
  FAILED: "red",
  EXPIRED: "neutral",
  REVOKED: "neutral",
  CANCELLED: "neutral",
};

const words: Record<string, string> = {
  PENDING: "Pending",
  APPROVED: "Approved",
  PROVISIONING: "Provisioning",
  ACTIVE: "Active",
  DENIED: "Denied",
  FAILED: "Failed",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
  CANCELLED: "Cancelled",
};

export const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function stateLabel(state: string, endsAt: Date | null, extension = false) {
  if (extension && state === "APPROVED") return "Extension approved";
  if (state === "ACTIVE") return endsAt ? `Active until ${formatUtc(endsAt)}` : "Active, permanent";
  return words[state] ?? state;
}

export function RequestState({ state, endsAt, extension }: { state: string; endsAt: Date | null; extension?: boolean }) {
  return (
    <span data-testid="request-state">
      <Badge tone={tones[state] ?? "neutral"}>{stateLabel(state, endsAt, extension)}</Badge>
    </span>
  );
}
