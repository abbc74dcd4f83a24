// Access-review emails: launch, reminder, overdue (to the fallback reviewer), close (to owners),
// and the owners' alert when a revoke did not stick.
import { html, utc } from "./templates";

type Mail = { subject: string; text: string; html: string };

function mail(subject: string, lines: string[], link: { href: string; label: string }): Mail {
  return { subject, text: `${lines.join("\n\n")}\n\n${link.label}: ${link.href}\n`, html: html(lines, link) };
}

const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

export function reviewLaunchEmail(input: { name: string; campaign: string; count: number; dueAt: Date; link: string }): Mail {
  return mail(
    `Access review: ${items(input.count)} to review in ${input.campaign}`,
    [`Hello ${input.name},`, `The access review "${input.campaign}" has started. You have ${items(input.count)} to review: certify each access that is still needed, revoke the rest.`, `Due ${utc(input.dueAt)}.`],
    { href: input.link, label: "Open My reviews" },
  );
}

export function reviewReminderEmail(input: { name: string; campaign: string; open: number; dueAt: Date; link: string }): Mail {
  return mail(
    `Reminder: ${items(input.open)} left to review in ${input.campaign}`,
    [`Hello ${input.name},`, `You still have ${items(input.open)} to decide in the access review "${input.campaign}", due ${utc(input.dueAt)}.`],
    { href: input.link, label: "Open My reviews" },
  );
}

export function reviewOverdueEmail(input: { name: string; campaign: string; count: number; link: string }): Mail {
  return mail(
    `Overdue: ${items(input.count)} of ${input.campaign} are now yours to review`,
    [`Hello ${input.name},`, `The access review "${input.campaign}" is past its due date with ${items(input.count)} undecided. As its fallback reviewer, they are now assigned to you.`],
    { href: input.link, label: "Open My reviews" },
  );
}

export function reviewClosedEmail(input: { name: string; campaign: string; certified: number; revoked: number; manual: number; link: string }): Mail {
  const lines = [`Hello ${input.name},`, `The access review "${input.campaign}" is closed: ${items(input.certified)} certified, ${items(input.revoked)} revoked.`];
  if (input.manual) lines.push(`${items(input.manual)} cannot be revoked by the console: revoke them by hand in the app, then mark them done in My reviews.`);
  return mail(`Access review closed: ${input.campaign}`, lines, { href: input.link, label: "Open the campaign" });
}

export function revokeStillPresentEmail(input: { name: string; campaign: string; app: string; count: number; link: string }): Mail {
  return mail(
    `Still present after revoke: ${items(input.count)} in ${input.app}`,
    [`Hello ${input.name},`, `The latest sync of ${input.app} still shows ${items(input.count)} that the access review "${input.campaign}" revoked. Check the app and revoke them by hand.`],
    { href: input.link, label: "Open the campaign" },
  );
}
