// Dates as the console shows them: UTC, minute precision, the same on server and browser
// (so hydration never disagrees).
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
