// Finds secrets in text, in the forms they travel in: as typed, JSON-escaped, URL-encoded
// (%20 and form "+"), and base64 / base64url at each of the three byte alignments (a secret
// inside a longer base64 string, such as a Basic auth header, is encoded at any offset).
const KEY = 8; // every form is longer than this; candidates are looked up by their first KEY chars

/** The base64 characters that depend only on the secret, for a secret starting at byte `pad`. */
function base64Inner(secret: string, pad: number): string {
  const bytes = Buffer.concat([Buffer.alloc(pad), Buffer.from(secret, "utf8")]);
  const encoded = bytes.toString("base64");
  // Character k carries bits [6k, 6k+6); keep those wholly inside the secret's bytes.
  return encoded.slice(Math.ceil((8 * pad) / 6), Math.floor((8 * bytes.length) / 6));
}

export function encodedForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+")]);
  for (const pad of [0, 1, 2]) {
    const inner = base64Inner(secret, pad);
    forms.add(inner);
    forms.add(inner.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...forms].filter((form) => form.length > KEY);
}

export class SecretMatcher {
  private readonly byPrefix = new Map<string, { form: string; index: number }[]>();

  constructor(secrets: readonly string[]) {
    secrets.forEach((secret, index) => {
      for (const form of encodedForms(secret)) {
        const prefix = form.slice(0, KEY);
        const list = this.byPrefix.get(prefix) ?? [];
        list.push({ form, index });
        this.byPrefix.set(prefix, list);
      }
    });
  }

  /** The indexes (into the constructor's list) of the secrets found in `text`, any form. */
  find(text: string): Set<number> {
    const found = new Set<number>();
    const last = text.length - KEY;
    for (let i = 0; i <= last; i++) {
      const candidates = this.byPrefix.get(text.slice(i, i + KEY));
      if (!candidates) continue;
      for (const { form, index } of candidates) if (text.startsWith(form, i)) found.add(index);
    }
    return found;
  }
}
