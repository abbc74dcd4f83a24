// Plain, short emails with one link each. Text first; the HTML is the same words.
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function html(paragraphs: string[], link: { href: string; label: string }) {
  return `<div style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#111">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("")}<p><a href="${escapeHtml(link.href)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p><p style="color:#666;font-size:13px">Or paste this link into your browser: ${escapeHtml(link.href)}</p></div>`;
}

export function invitationEmail(input: { name: string; invitedBy: string; link: string; hours: number }) {
  const lines = [`Hello ${input.name},`, `${input.invitedBy} added you to the Gatekeeper console. Set your password to sign in.`, `This link works once and expires in ${input.hours} hours.`];
  return {
    subject: "Set your password for the Gatekeeper console",
    text: `${lines.join("\n\n")}\n\nSet your password: ${input.link}\n`,
    html: html(lines, { href: input.link, label: "Set your password" }),
  };
}

export function connectorOwnerEmail(input: { name: string; assignedBy: string; connectorName: string; appName: string; link: string }) {
  const lines = [
    `Hello ${input.name},`,
    `${input.assignedBy} set you as an owner of the ${input.connectorName} connector for the ${input.appName} app.`,
    `Your help is needed to complete the set-up: open the connector's settings, click Edit, enter the credentials and click Save.`,
  ];
  return {
    subject: `Your help is needed to finish setting up ${input.connectorName} (${input.appName})`,
    text: `${lines.join("\n\n")}\n\nOpen the connector settings: ${input.link}\n`,
    html: html(lines, { href: input.link, label: "Open the connector settings" }),
  };
}

/** What a connector health alert is about; each kind is one email to each owner. */
export type ConnectorAlert =
  | { kind: "failing" | "failing-changed"; recovery?: false; failures: number; errorKind: string; errorLabel: string; errorMessage: string }
  | { kind: "recovered"; recovery: true; failures: number }
  | { kind: "expiry-warning"; recovery?: false; days: number; expiresAt: Date }
  | { kind: "credential-expired"; recovery?: false; expiresAt: Date }
  | { kind: "runner-silent"; recovery?: false; lastSeenAt: Date; intervals: number }
  | { kind: "runner-back"; recovery: true; lastSeenAt: Date };

export const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function describeAlert(alert: ConnectorAlert, connector: string): { subject: string; lines: string[] } {
  switch (alert.kind) {
    case "failing":
      return {
        subject: `${connector} is failing: ${alert.errorLabel}`,
        lines: [`The last ${alert.failures} syncs of ${connector} failed.`, `The latest error (${alert.errorKind}): ${alert.errorMessage}`, "The previous snapshot stays visible until a sync succeeds."],
      };
    case "failing-changed":
      return {
        subject: `${connector} is failing with a different error: ${alert.errorLabel}`,
        lines: [`${connector} is still failing, now with a different error (${alert.errorKind}): ${alert.errorMessage}`],
      };
    case "recovered":
      return { subject: `${connector} has recovered`, lines: [`A sync of ${connector} succeeded after ${alert.failures} failed ${alert.failures === 1 ? "sync" : "syncs"}. Nothing more is needed.`] };
    case "expiry-warning":
      return {
        subject: `The credential of ${connector} expires in ${alert.days} ${alert.days === 1 ? "day" : "days"}`,
        lines: [`The credential ${connector} uses expires on ${utc(alert.expiresAt)}.`, "Create a new one, then open the connector's settings, click Edit, enter it and click Save: syncs stop when it expires."],
      };
    case "credential-expired":
      return {
        subject: `The credential of ${connector} has expired`,
        lines: [`The credential ${connector} uses expired on ${utc(alert.expiresAt)}, so it can no longer sync.`, "Create a new one, then open the connector's settings, click Edit, enter it and click Save."],
      };
    case "runner-silent":
      return {
        subject: `The runner of ${connector} has not been seen`,
        lines: [`The self-hosted runner of ${connector} was last seen ${utc(alert.lastSeenAt)}, more than ${alert.intervals} sync intervals ago.`, "Check that its Deployment is running and can reach Gatekeeper."],
      };
    case "runner-back":
      return { subject: `The runner of ${connector} is back`, lines: [`The self-hosted runner of ${connector} reported in again at ${utc(alert.lastSeenAt)}. Nothing more is needed.`] };
  }
}

export function connectorAlertEmail(input: { name: string; connectorName: string; appName: string; link: string; alert: ConnectorAlert }) {
  const named = `${input.connectorName} (${input.appName})`;
  const { subject, lines } = describeAlert(input.alert, named);
  const all = [`Hello ${input.name},`, ...lines];
  return {
    subject,
    text: `${all.join("\n\n")}\n\nOpen the connector: ${input.link}\n`,
    html: html(all, { href: input.link, label: "Open the connector" }),
  };
}
