// Judges where each secret was found against where it may be (support/secrets.ts), and
// counts what was scanned. Kept apart from the spec so the rules read on their own.
import type { RecordedSecret } from "./secrets";
import type { Source, SourceKind } from "./leak-sources";

export type Finding = { secret: RecordedSecret; sources: Source[] };

/**
 * Leaks found by this scan and reported, not yet fixed in the app. Each is listed by the scan
 * on every run, and the scan fails once one is no longer seen, so the entry goes with the fix.
 */
type KnownLeak = { allowed: RecordedSecret["allowed"]; where: RegExp; why: string };

// Empty: the one leak this scan found (set-password links stored in clear in the email outbox)
// is fixed; lib/mail/send.ts now stores them hidden and the full body sealed until delivery.
export const KNOWN_LEAKS: readonly KnownLeak[] = [];

export function isKnownLeak(secret: RecordedSecret, source: Source) {
  return KNOWN_LEAKS.some((known) => known.allowed === secret.allowed && known.where.test(`${source.kind} ${source.name}`));
}

const isResponse = (source: Source) => source.kind === "html" || source.kind === "rsc" || source.kind === "json";

/** The sources where the secret was found but may not be; empty when all is well. */
export function disallowed({ secret, sources }: Finding): Source[] {
  if (secret.allowed === "reveal-once") {
    // The one answer of the action that shows it (Rotate); anything else, or a second one, is a leak.
    const reveals = sources.filter((s) => isResponse(s) && s.response?.action && s.kind === "rsc");
    return sources.filter((s) => s !== reveals[0]);
  }
  if (secret.allowed === "link") {
    // The email carrying the link, and the page at that link (its HTML, RSC and action answers).
    const mails = sources.filter((s) => s.kind === "email");
    return sources.filter((s) => !(s === mails[0] || (isResponse(s) && s.response?.url.includes(`/set-password/${secret.value}`))));
  }
  return sources;
}

export function describeLeak(secret: RecordedSecret, where: Source[]) {
  const shown = `${secret.value.slice(0, 6)}…(${secret.value.length} chars)`;
  return `${secret.label} [${shown}, allowed: ${secret.allowed}] found in ${where.map((s) => `${s.kind} ${s.name}`).join("; ")}`;
}

export function summarise(sources: Source[]) {
  const bytes: Record<SourceKind, number> = { html: 0, rsc: 0, json: 0, log: 0, email: 0, db: 0 };
  for (const source of sources) bytes[source.kind] += Buffer.byteLength(source.text);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { bytes, total };
}
