// Every message is stored first, then delivered; a failed delivery is retried with backoff
// and stays visible in the outbox with its error. Nothing is lost.
import type { EmailMessage } from "@prisma/client";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getTransport } from "./transport";

export const MAX_ATTEMPTS = 8;

export type OutgoingMail = { kind: string; to: string; subject: string; text: string; html?: string };

export function retryDelayMs(attempts: number) {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

async function deliver(message: EmailMessage) {
  const transport = getTransport();
  if (!transport) return;
  try {
    await transport.sendMail({ from: getEnv().MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html ?? undefined });
    await db.emailMessage.update({ where: { id: message.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, nextAttemptAt: null } });
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

export async function sendMail(mail: OutgoingMail) {
  const transport = getTransport();
  const message = await db.emailMessage.create({
    data: { ...mail, status: transport ? "QUEUED" : "OUTBOX", nextAttemptAt: transport ? new Date() : null },
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
  for (const message of due) await deliver(message);
  return due.length;
}
