// Log lines and error messages are stored and shown to admins; an adapter's message may echo
// what it was given ("invalid key tc-abc…"). Every known secret of the connector's config is
// replaced before anything is stored, in the forms it commonly travels in.
import type { AnyConnector } from "@/lib/connectors/registry";

const REDACTED = "[redacted]";
const SECRET_KEY = /key|token|secret|password|credential/i;

/** Values of the fields the connector marks secret, and of any field whose name says so. */
export function secretValues(connector: Pick<AnyConnector, "settings"> | undefined, config: unknown): string[] {
  if (!config || typeof config !== "object") return [];
  const secretFields = new Set((connector?.settings.fields ?? []).filter((f) => f.secret).map((f) => f.name));
  const values: string[] = [];
  const visit = (value: unknown, name: string, depth: number) => {
    if (typeof value === "string") {
      if ((secretFields.has(name) || SECRET_KEY.test(name)) && value.length >= 4) values.push(value);
    } else if (value && typeof value === "object" && depth < 4) {
      for (const [key, inner] of Object.entries(value)) visit(inner, key, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(config)) visit(value, key, 0);
  return values;
}

function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64"), JSON.stringify(secret).slice(1, -1)]);
  return [...forms].filter((form) => form.length >= 4);
}

export type Scrubber = (text: string) => string;

export function createScrubber(secrets: readonly string[]): Scrubber {
  // Longest first, so a secret that contains another is replaced whole.
  const forms = secrets.flatMap(variants).sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    // Whatever else looks like a bearer credential in a message is not worth the risk.
    return result.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
  };
}
