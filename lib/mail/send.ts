// Every message is stored first, then delivered; a failed delivery is retried with backoff
// and stays visible in the outbox with its error. Nothing is lost.
//
// A message can carry a one-time secret (a set-password link). The stored body hides it; the
// full body is kept sealed only until it is delivered, so the secret is never at rest in clear.
import type { EmailMessage } from "@prisma/client";
import { openJson, sealJson } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getTransport } from "./transport";

export const MAX_ATTEMPTS = 8;
/**
 * A message being delivered is leased: its next_attempt_at moves this far ahead, so the retry
 * loop does not pick it up and send it a second time meanwhile. Longer than any SMTP exchange;
 * if the process dies mid-delivery, the message is due again once the lease runs out.
 */
export const DELIVERY_LEASE_MS = 10 * 60_000;
const leaseEnd = () => new Date(Date.now() + DELIVERY_LEASE_MS);

export type OutgoingMail = { kind: string; to: string; subject: string; text: string; html?: string };
type MailBody = { text: string; html: string | null };

export const HIDDEN_SECRET = "[one-time link hidden]";

function hide(body: string, secrets: readonly string[]) {
  return secrets.reduce((text, secret) => (secret ? text.split(secret).join(HIDDEN_SECRET) : text), body);
}

/** The body to deliver: the sealed full one while it is kept, else the stored one. */
export function fullBody(message: Pick<EmailMessage, "text" | "html" | "sealedBody">): MailBody {
  return message.sealedBody ? openJson<MailBody>(message.sealedBody) : { text: message.text, html: message.html };
}

export function retryDelayMs(attempts: number) {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

async function deliver(message: EmailMessage) {
  const transport = getTransport();
  if (!transport) return;
  try {
    const body = fullBody(message);
    await transport.sendMail({ from: getEnv().MAIL_FROM, to: message.to, subject: message.subject, text: body.text, html: body.html ?? undefined });
    // Delivered: the secret has reached its owner and is no longer kept here, even sealed.
    await db.emailMessage.update({
      where: { id: message.id },
      data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, nextAttemptAt: null, sealedBody: null },
    });
  } catch (error) {
    const attempts = message.attempts + 1;
    await db.emailMessage.update({
      where: { id: message.id },
      data: {
        status: "FAILED",
        attempts,
        lastError: (error as Error).message.slice(0, 500),
        nextAttemptAt: attempts < MAX_ATTEMPTS ? new Date(Date.now() + retryDelayMs(attempts)) : null,
      },
    });
  }
}

/** `secrets`: values in the body (a set-password token) that must not be stored in clear. */
export async function sendMail(mail: OutgoingMail, secrets: readonly string[] = []) {
  const transport = getTransport();
  const kept = secrets.some((secret) => secret && (mail.text.includes(secret) || mail.html?.includes(secret)));
  const message = await db.emailMessage.create({
    data: {
      ...mail,
      text: hide(mail.text, secrets),
      html: mail.html === undefined ? undefined : hide(mail.html, secrets),
      sealedBody: kept ? sealJson({ text: mail.text, html: mail.html ?? null } satisfies MailBody) : null,
      status: transport ? "QUEUED" : "OUTBOX",
      // Leased to this call, which delivers it right away.
      nextAttemptAt: transport ? leaseEnd() : null,
    },
  });
  await deliver(message);
  return message.id;
}

/** Retries what is due. Called on an interval by the worker. */
export async function deliverDueMail(limit = 20) {
  if (!getTransport()) return 0;
  const due = await db.emailMessage.findMany({
    where: { status: { in: ["QUEUED", "FAILED"] }, nextAttemptAt: { lte: new Date() }, attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let delivered = 0;
  for (const message of due) {
    // Take the lease only if nobody else took it since the read (another process's retry loop).
    const claimed = await db.emailMessage.updateMany({ where: { id: message.id, status: message.status, nextAttemptAt: message.nextAttemptAt }, data: { nextAttemptAt: leaseEnd() } });
    if (claimed.count !== 1) continue;
    await deliver(message);
    delivered += 1;
  }
  return delivered;
}
