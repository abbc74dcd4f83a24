// A set-password link is a secret: the stored copy of the message hides it, the full body is
// kept only sealed and only until a real SMTP server has accepted it, and a failed delivery
// keeps it sealed for the retry.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMailCatcher } from "@/e2e/support/mail-catcher";
import { startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let mailDir: string;
const TOKEN = "tok-5f0e9c1d2b7a48e6a3c4d5e6f7a8b9c0";

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  mailDir = await mkdtemp(path.join(os.tmpdir(), "gk-mail-"));
  catcher = await startMailCatcher(mailDir);
  process.env.SMTP_URL = catcher.url;
});

afterAll(async () => {
  await catcher?.close().catch(() => {});
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  await ctx?.stop();
});

const invitation = () => ({ kind: "invitation", to: "ada@example.com", subject: "You are invited", text: `Set your password: https://gk.test/set-password/${TOKEN}`, html: `<a href="https://gk.test/set-password/${TOKEN}">Set</a>` });

async function storedRow(id: string) {
  const { rows } = await ctx.pool.query(`SELECT * FROM email_messages WHERE id = $1`, [id]);
  return rows[0] as Record<string, unknown>;
}

it("delivers the full link, stores it hidden, and drops the sealed body once delivered", async () => {
  const { sendMail, HIDDEN_SECRET } = await import("./send");
  const id = await sendMail(invitation(), [TOKEN]);
  const row = await storedRow(id);
  expect(row.status).toBe("SENT");
  expect(row.sealed_body).toBeNull();
  expect(JSON.stringify(row)).not.toContain(TOKEN);
  expect(row.text).toContain(`/set-password/${HIDDEN_SECRET}`);
  const files = await readdir(mailDir);
  const caught = JSON.parse(await readFile(path.join(mailDir, files[0]), "utf8")) as { text: string; html: string };
  expect(caught.text).toContain(`/set-password/${TOKEN}`);
  expect(caught.html).toContain(`/set-password/${TOKEN}`);
});

it("keeps the link sealed (never in clear) while a failed delivery waits for its retry", async () => {
  await catcher.close();
  const { sendMail, deliverDueMail } = await import("./send");
  const { listEmailMessages } = await import("@/lib/data/email-outbox");
  const id = await sendMail(invitation(), [TOKEN]);
  const row = await storedRow(id);
  expect(row.status).toBe("FAILED");
  expect(typeof row.sealed_body).toBe("string");
  expect(JSON.stringify(row)).not.toContain(TOKEN);
  // The outbox shows a message being retried as stored: hidden.
  const shown = (await listEmailMessages()).find((m) => m.id === id);
  expect(shown?.text).not.toContain(TOKEN);

  // The SMTP server is back; the retry delivers the full body from the sealed copy.
  catcher = await startMailCatcher(mailDir, Number(new URL(catcher.url).port));
  await ctx.pool.query(`UPDATE email_messages SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [id]);
  await deliverDueMail();
  expect((await storedRow(id)).status).toBe("SENT");
  expect((await storedRow(id)).sealed_body).toBeNull();
  const texts = await Promise.all((await readdir(mailDir)).map((f) => readFile(path.join(mailDir, f), "utf8")));
  expect(texts.filter((t) => t.includes(`/set-password/${TOKEN}`))).toHaveLength(2);
});

it("sends a message once even when the retry loop runs while it is being delivered", async () => {
  const { sendMail, deliverDueMail } = await import("./send");
  const token = "tok-once-7d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a";
  const retries = (async () => {
    for (let i = 0; i < 30; i++) await deliverDueMail();
  })();
  await Promise.all([sendMail({ ...invitation(), text: `Set: https://gk.test/set-password/${token}` }, [token]), retries]);
  const texts = await Promise.all((await readdir(mailDir)).map((f) => readFile(path.join(mailDir, f), "utf8")));
  expect(texts.filter((t) => t.includes(token))).toHaveLength(1);
});
