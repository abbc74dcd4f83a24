// The access requests' emails. The approver's carries a link to the request, never a one-click
// approve: the decision is made signed in, on the request's page.
import { html, utc } from "./templates";

type Mail = { subject: string; text: string; html: string };
type About = { requesterName: string; requesterEmail: string; entitlementName: string; appName: string; link: string };

function mail(subject: string, lines: string[], link: { href: string; label: string }): Mail {
  return { subject, text: `${lines.join("\n\n")}\n\n${link.label}: ${link.href}\n`, html: html(lines, link) };
}

export function approvalNeededEmail(input: About & { duration: string; justification: string; step: number; steps: number }): Mail {
  const stepNote = input.steps > 1 ? ` (step ${input.step} of ${input.steps})` : "";
  return mail(
    `Approval needed: ${input.entitlementName} in ${input.appName} for ${input.requesterName}`,
    [
      `${input.requesterName} (${input.requesterEmail}) asks for ${input.entitlementName} in ${input.appName} for ${input.duration}${stepNote}.`,
      input.justification ? `Why: ${input.justification}` : "No justification was given.",
      "Open the request to approve or deny it.",
    ],
    { href: input.link, label: "Open the request" },
  );
}

export function requestActiveEmail(input: About & { endsAt: Date | null }): Mail {
  const until = input.endsAt ? `until ${utc(input.endsAt)}` : "with no end date";
  return mail(`Approved: ${input.entitlementName} in ${input.appName}`, [`Your request was approved. You have ${input.entitlementName} in ${input.appName} ${until}.`], { href: input.link, label: "View your request" });
}

export function requestDeniedEmail(input: About & { by: string; comment: string }): Mail {
  const lines = [`${input.by} denied your request for ${input.entitlementName} in ${input.appName}.`];
  if (input.comment) lines.push(`Comment: ${input.comment}`);
  return mail(`Denied: ${input.entitlementName} in ${input.appName}`, lines, { href: input.link, label: "View your request" });
}

export function requestEndedEmail(input: About & { how: "EXPIRED" | "REVOKED" }): Mail {
  const what = input.how === "EXPIRED" ? "has expired and was removed" : "was revoked";
  return mail(`${input.how === "EXPIRED" ? "Expired" : "Revoked"}: ${input.entitlementName} in ${input.appName}`, [`Your access to ${input.entitlementName} in ${input.appName} ${what}. Request it again from the catalog if you still need it.`], { href: input.link, label: "View your request" });
}

export function requestFailedEmail(input: About & { kind: "grant" | "revoke"; error: string }): Mail {
  const lines =
    input.kind === "grant"
      ? [`${input.entitlementName} in ${input.appName} could not be granted to ${input.requesterName}.`, `The app said: ${input.error}`]
      : [`${input.entitlementName} in ${input.appName} could not be removed from ${input.requesterName} at the end of their request. It is retried with backoff; until then they keep the access.`, `The app said: ${input.error}`];
  return mail(`Failed to ${input.kind === "grant" ? "grant" : "revoke"}: ${input.entitlementName} in ${input.appName}`, lines, { href: input.link, label: "Open the request" });
}
