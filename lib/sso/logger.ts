// next-auth's logger, replaced: its default prints whole error objects, and openid-client's
// id_token errors carry the token itself (RPError.jwt), which must never reach a log. One
// line with the code and the message; a failed OpenID callback (a token that failed its
// checks, a replayed or missing state) is also audited as a refused sign-in.
import type { LoggerInstance } from "next-auth";
import { recordAudit } from "@/lib/data/audit";

function messageOf(metadata: unknown): string {
  const value = metadata as { message?: unknown; error?: { message?: unknown } } | undefined;
  const message = value?.error?.message ?? value?.message;
  return typeof message === "string" ? message.slice(0, 300) : "no message";
}

export const authLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    const message = messageOf(metadata);
    console.error(`[auth] ${code}: ${message}`);
    if (code === "OAUTH_CALLBACK_ERROR") {
      recordAudit({ kind: "auth.sso_refused", summary: `Single sign-on refused: ${message}`, result: "refused", data: { reason: "callback-failed", message } }).catch((error: unknown) => {
        console.error(`[auth] Could not audit a refused sign-in: ${error instanceof Error ? error.message : "unknown error"}`);
      });
    }
  },
  warn(code) {
    console.warn(`[auth] ${code}`);
  },
  debug() {},
};
