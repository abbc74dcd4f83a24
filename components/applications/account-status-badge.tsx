import { Badge, type Tone } from "@/components/ui/badge";

const statuses: Record<string, { label: string; tone: Tone }> = {
  enabled: { label: "Active", tone: "green" },
  disabled: { label: "Disabled", tone: "neutral" },
  deleted: { label: "Deleted", tone: "red" },
  unspecified: { label: "Unknown", tone: "neutral" },
};

export function AccountStatusBadge({ status }: { status: string | null }) {
  const known = statuses[status ?? "unspecified"] ?? statuses.unspecified;
  return <Badge tone={known.tone}>{known.label}</Badge>;
}
