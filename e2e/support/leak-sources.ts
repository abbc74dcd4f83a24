// Everything the leak scan reads, as named texts: the captured responses (support/capture.ts),
// the app's log (written by scripts/e2e.ts), the caught mail and the database dump.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { captureDir, type CapturedResponse } from "./capture";
import type { CaughtMail } from "./mail-catcher";
import { dumpDatabase } from "./db-dump";

export type SourceKind = "html" | "rsc" | "json" | "log" | "email" | "db";
export type Source = { kind: SourceKind; name: string; text: string; response?: CapturedResponse };

function env(name: string) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through \`npm run test:e2e\`.`);
  return value;
}

function responses(): Source[] {
  const dir = captureDir();
  const index = dir && path.join(dir, "responses.jsonl");
  if (!dir || !index || !existsSync(index)) return [];
  return readFileSync(index, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const response = JSON.parse(line) as CapturedResponse;
      return { kind: response.kind, name: `${response.method} ${response.url} (${response.file})`, text: readFileSync(path.join(dir, response.file), "utf8"), response };
    });
}

function logs(): Source[] {
  const dir = env("E2E_SERVER_LOG_DIR");
  return readdirSync(dir).map((file) => ({ kind: "log" as const, name: file, text: readFileSync(path.join(dir, file), "utf8") }));
}

export function mails(): Source[] {
  const dir = env("E2E_MAIL_DIR");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => {
      const mail = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CaughtMail;
      return { kind: "email" as const, name: `${file} to ${mail.to.join(",")}: ${mail.subject}`, text: `${mail.subject}\n${mail.text}\n${mail.html}` };
    });
}

/** Answers whose body could not be read, even by asking again (support/capture.ts). */
export function unreadResponses(): string[] {
  const dir = captureDir();
  const file = dir && path.join(dir, "unread.jsonl");
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => {
      const { url, error } = JSON.parse(line) as { url: string; error: string };
      return `${url} (${error})`;
    });
}

/** Page answers Chromium dropped after their context had closed (nobody saw them): counted. */
export function closedResponses(): number {
  const dir = captureDir();
  const file = dir && path.join(dir, "closed.jsonl");
  return file && existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0;
}

export async function readSources(): Promise<Source[]> {
  const db = (await dumpDatabase()).map((column) => ({ kind: "db" as const, name: column.name, text: column.text }));
  return [...responses(), ...logs(), ...mails(), ...db];
}
