// How the Applications pages write numbers and times. UTC and en-US everywhere, so the
// server's render never depends on the machine it runs on.
export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatTotal(total: number, capped: boolean, noun: string, plural = `${noun}s`) {
  return `${formatCount(total)}${capped ? "+" : ""} ${total === 1 && !capped ? noun : plural}`;
}

export function formatDate(value: Date | null) {
  return value ? value.toISOString().slice(0, 10) : "—";
}

/** "4 min ago", "3 h ago", "2 d ago"; the exact time goes in the title attribute. */
export function formatAgo(value: Date | null, now = Date.now()) {
  if (!value) return "Never";
  const seconds = Math.max(0, Math.round((now - value.getTime()) / 1000));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function formatExact(value: Date | null) {
  return value ? `${value.toISOString().replace("T", " ").slice(0, 16)} UTC` : undefined;
}
