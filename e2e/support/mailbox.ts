// Reads what the mail catcher wrote (E2E_MAIL_DIR). Waits, because delivery is asynchronous.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { CaughtMail } from "./mail-catcher";

export async function waitForMail(to: string, match: RegExp | string = /.*/, timeoutMs = 15_000): Promise<CaughtMail> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the e2e tests through `npm run test:e2e`.");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = (await readdir(dir).catch(() => [])).sort();
    for (const file of files.reverse()) {
      const mail = JSON.parse(await readFile(path.join(dir, file), "utf8")) as CaughtMail;
      const subjectOk = typeof match === "string" ? mail.subject.includes(match) : match.test(mail.subject);
      if (mail.to.includes(to.toLowerCase()) && subjectOk) return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No mail to ${to} matching ${match} within ${timeoutMs} ms`);
}

export function firstLink(mail: CaughtMail, pathPrefix: string) {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/]/g, "\\/")}[^\\s]*`));
  if (!match) throw new Error(`No link containing ${pathPrefix} in mail "${mail.subject}"`);
  return match[0];
}
