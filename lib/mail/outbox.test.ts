// Without SMTP the outbox is how a link reaches its person: a Super Administrator copies it from
// Admin > Email outbox. So the outbox view opens the sealed body, while the row never holds it in clear.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
const TOKEN = "tok-0a1b2c3d4e5f60718293a4b5c6d7e8f9";

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  delete process.env.SMTP_URL;
});

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  await ctx?.stop();
});

it("stores the message hidden and shows the full link in the outbox", async () => {
  const { sendMail } = await import("./send");
  const { listEmailMessages } = await import("@/lib/data/email-outbox");
  const id = await sendMail({ kind: "invitation", to: "bo@example.com", subject: "Invited", text: `Open https://gk.test/set-password/${TOKEN}` }, [TOKEN]);
  const { rows } = await ctx.pool.query(`SELECT * FROM email_messages WHERE id = $1`, [id]);
  expect(rows[0].status).toBe("OUTBOX");
  expect(JSON.stringify(rows[0])).not.toContain(TOKEN);
  const shown = (await listEmailMessages()).find((m) => m.id === id);
  expect(shown?.text).toBe(`Open https://gk.test/set-password/${TOKEN}`);
  expect(shown).not.toHaveProperty("sealedBody");
});
