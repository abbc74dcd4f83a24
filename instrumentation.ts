// Runs once when the Next server starts: background work that belongs to the web process
// by default (mail retries; the sync worker joins it). Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("@/lib/background");
  await startBackgroundWork();
}
