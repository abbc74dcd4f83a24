// The evidence of a campaign: every item as a CSV row, and the printable HTML report (summary
// figures, then the items), both streamed from the items cursor.
import { csvRow, exportDay, fileSlug, attachmentDisposition } from "@/lib/csv";
import type { Campaign, Progress } from "@/lib/data/review-campaigns";
import type { ReviewItem } from "@/lib/data/review-items";
import { escapeHtml, utc } from "@/lib/mail/templates";
import { campaignStatusLabels, remediationLabels, verificationLabels } from "@/lib/validation/reviews";

export const EVIDENCE_HEADER = ["Item", "App", "Account", "Account email", "Person", "Entitlement", "Entitlement description", "Flags", "Reviewer", "Decision", "Reason", "Decided by", "Decided at", "Remediation", "Remediation message", "Verification", "Verified at", "Last synced"];

const flagsOf = (item: ReviewItem) => [item.privileged && "privileged", item.orphaned && "orphaned", item.unmatched && "unmatched", item.gone && "gone before decision"].filter(Boolean).join(" ");
const decisionOf = (item: ReviewItem) => (item.decision === "revoke" ? "Revoke" : item.decision === "certify" ? "Certify" : item.gone ? "Gone before decision" : "Undecided");

export function evidenceCells(item: ReviewItem): unknown[] {
  return [
    item.id, item.appName, item.accountName, item.accountEmail, item.personName ?? "Unmatched account", item.entitlementName, item.entitlementDescription, flagsOf(item),
    item.reviewerEmail, decisionOf(item), item.reason, item.decidedByEmail ?? (item.decision ? "Campaign default" : ""), item.decidedAt,
    item.remediation ? remediationLabels[item.remediation] : "", item.remediationMessage, item.verification ? verificationLabels[item.verification] : "", item.verifiedAt, item.lastSyncAt,
  ];
}

function streamOf(head: string, batches: AsyncGenerator<ReviewItem[]>, rowOf: (item: ReviewItem) => string, tail: string) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode(tail));
        return controller.close();
      }
      controller.enqueue(encoder.encode(next.value.map(rowOf).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export function evidenceCsv(campaign: Campaign, batches: AsyncGenerator<ReviewItem[]>): Response {
  const body = streamOf(csvRow(EVIDENCE_HEADER), batches, (item) => csvRow(evidenceCells(item)), "");
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": attachmentDisposition(`access-review-${fileSlug(campaign.name)}-${exportDay()}.csv`), "cache-control": "no-store" },
  });
}

const cell = (value: unknown) => `<td>${escapeHtml(value === null || value === undefined ? "" : value instanceof Date ? utc(value) : String(value))}</td>`;

export function evidenceReport(campaign: Campaign, progress: Progress, batches: AsyncGenerator<ReviewItem[]>): Response {
  const figures: [string, number][] = [["Items", progress.total], ["Decided", progress.decided], ["Certified", progress.certified], ["Revoked", progress.revoked], ["Verified", progress.verified], ["Still present after revoke", progress.stillPresent], ["Revoke by hand", progress.manual], ["Gone before decision", progress.gone]];
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Access review report: ${escapeHtml(campaign.name)}</title>
<style>body{font:13px/1.4 system-ui,sans-serif;color:#111;margin:32px}h1{font-size:22px;margin:0 0 4px}p{margin:2px 0;color:#444}
dl{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:8px;margin:20px 0}dl div{border:1px solid #ddd;border-radius:6px;padding:8px}dt{color:#555;font-size:12px}dd{margin:0;font-size:20px;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:11px}th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f6f6f6}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}}</style></head><body>
<h1>Access review report: ${escapeHtml(campaign.name)}</h1>
<p>${escapeHtml(campaign.description)}</p>
<p>Status: ${escapeHtml(campaignStatusLabels[campaign.status] ?? campaign.status)} · Launched ${campaign.launchedAt ? utc(campaign.launchedAt) : "—"} · Due ${utc(campaign.dueAt)} · Closed ${campaign.closedAt ? utc(campaign.closedAt) : "—"} · Report made ${utc(new Date())}</p>
<dl>${figures.map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd data-figure="${escapeHtml(label)}">${value}</dd></div>`).join("")}</dl>
<table><thead><tr>${EVIDENCE_HEADER.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`;
  const body = streamOf(head, batches, (item) => `<tr data-item="${escapeHtml(item.id)}">${evidenceCells(item).map(cell).join("")}</tr>`, `</tbody></table></body></html>`);
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" } });
}
