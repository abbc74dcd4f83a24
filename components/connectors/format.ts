// Dates as the console shows them: UTC, minute precision, the same on server and browser
// (so hydration never disagrees).
import { credentialExpiresSoon, describeCredentialExpiry } from "@/lib/validation/connector-options";

export function formatDateTime(value: Date | string | null | undefined) {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

export function formatCount(n: number) {
  return n.toLocaleString("en-US");
}

/** "12 s", "3 min 4 s": the length of a run. */
export function formatDuration(from: Date | string | null, to: Date | string | null) {
  if (!from || !to) return "—";
  const seconds = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** "4 min", "3 h", "2 days": how long something has been so, for "Failing for …". */
export function formatElapsed(since: Date | string, now: Date = new Date()) {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

type Standing = { state: string; failingSince: Date | null; runnerLastSeenAt: Date | null; credentialExpiresAt: Date | null };

/**
 * Why a connector needs a person, in the list's and the Overview's words: "Credential expired",
 * "Failing for 3 h", "Runner not seen for 2 days", "Credential expires in 10 days"; null when
 * nothing does. `urgent` is the red of a stopped connector, else the amber of a warning.
 */
export function describeAttention(s: Standing, now: Date = new Date()): { words: string; urgent: boolean } | null {
  if (s.state === "credential-expired") return { words: "Credential expired", urgent: true };
  if (s.state === "failing") return { words: s.failingSince ? `Failing for ${formatElapsed(s.failingSince, now)}` : "Failing", urgent: true };
  if (s.state === "runner-not-seen") return { words: s.runnerLastSeenAt ? `Runner not seen for ${formatElapsed(s.runnerLastSeenAt, now)}` : "Runner not seen yet", urgent: false };
  if (s.state !== "disabled" && credentialExpiresSoon(s.credentialExpiresAt, now)) return { words: describeCredentialExpiry(s.credentialExpiresAt!, now), urgent: false };
  return null;
}
