// Opaque keyset cursors for the request lists: base64url of a JSON array of strings.
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(value: string | undefined): string[] | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.length === 3 && parsed.every((v) => typeof v === "string") ? (parsed as string[]) : null;
  } catch {
    return null; // a cursor that is not ours: the first page
  }
}
