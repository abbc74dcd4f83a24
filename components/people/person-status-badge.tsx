import { Badge, type Tone } from "@/components/ui/badge";

const looks: Record<string, { tone: Tone; label: string }> = {
  active: { tone: "green", label: "Active" },
  suspended: { tone: "amber", label: "Suspended" },
  deactivated: { tone: "red", label: "Deactivated" },
};

/** A person's status in the identity provider, with the provider's own word when it differs. */
export function PersonStatusBadge({ status, rawStatus }: { status: string; rawStatus?: string | null }) {
  const look = looks[status] ?? { tone: "neutral" as Tone, label: status };
  const title = rawStatus && rawStatus.toLowerCase() !== status ? `${rawStatus} in the identity provider` : undefined;
  return (
    <span title={title}>
      <Badge tone={look.tone}>{look.label}</Badge>
    </span>
  );
}
