import { db } from "@/lib/db/client";
import { fullBody } from "@/lib/mail/send";

/**
 * The outbox as a Super Administrator sees it. Without SMTP a message stays in the outbox and
 * its link must be copied from here, so such a message shows its full body; every other one
 * shows the stored body, whose one-time secrets are hidden.
 */
export async function listEmailMessages(limit = 100) {
  const messages = await db.emailMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  return messages.map(({ sealedBody, ...message }) => ({
    ...message,
    text: message.status === "OUTBOX" ? fullBody({ ...message, sealedBody }).text : message.text,
  }));
}
