// How an item stands: its flags, the decision, the revoke and its verification.
import { Badge, type Tone } from "@/components/ui/badge";
import { campaignStatusLabels, remediationLabels, verificationLabels } from "@/lib/validation/reviews";

export type ItemView = { orphaned: boolean; unmatched: boolean; privileged: boolean; decision: string | null; gone: boolean; remediation: string | null; verification: string | null };

export function ItemFlags({ item }: { item: ItemView }) {
  return (
    <span className="flex flex-wrap gap-1">
      {item.privileged && <Badge tone="amber">Privileged</Badge>}
      {item.orphaned && <Badge tone="red">Orphaned</Badge>}
      {item.unmatched && <Badge tone="neutral">Unmatched account</Badge>}
    </span>
  );
}

const remediationTones: Record<string, Tone> = { pending: "blue", sending: "blue", sent: "brand", failed: "red", manual: "amber", manual_done: "brand" };

export function ItemState({ item }: { item: ItemView }) {
  return (
    <span className="flex flex-wrap gap-1" data-testid="item-state">
      {item.gone && !item.decision && <Badge tone="neutral">Gone before decision</Badge>}
      {item.decision === "certify" && <Badge tone="green">Certified</Badge>}
      {item.decision === "revoke" && <Badge tone="red">Revoke</Badge>}
      {!item.decision && !item.gone && <Badge>Undecided</Badge>}
      {item.remediation && <Badge tone={remediationTones[item.remediation] ?? "neutral"}>{remediationLabels[item.remediation] ?? item.remediation}</Badge>}
      {item.verification && <Badge tone={item.verification === "verified" ? "green" : "red"}>{verificationLabels[item.verification]}</Badge>}
    </span>
  );
}

const statusTones: Record<string, Tone> = { DRAFT: "neutral", ACTIVE: "blue", CLOSED: "green", CANCELLED: "neutral" };

export function CampaignStatus({ status }: { status: string }) {
  return (
    <span data-testid="campaign-status" data-status={status}>
      <Badge tone={statusTones[status] ?? "neutral"}>{campaignStatusLabels[status] ?? status}</Badge>
    </span>
  );
}

/** Who an item is about: the person, or "Unmatched account", over the account's email or name. */
export function ItemWho({ item }: { item: { personName: string | null; accountEmail: string | null; accountName: string } }) {
  return (
    <>
      <div className="font-medium text-slate-900">{item.personName ?? <span className="text-slate-500">Unmatched account</span>}</div>
      <div className="text-xs text-slate-500">{item.accountEmail ?? item.accountName}</div>
    </>
  );
}
