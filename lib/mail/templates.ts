// Plain, short emails with one link each. Text first; the HTML is the same words.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(paragraphs: string[], link: { href: string; label: string }) {
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
