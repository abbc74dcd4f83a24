// Starts every upstream simulator on a free loopback port and returns the environment that
// points the app's adapters at them. Used by the e2e runner and `npm run demo`.
export type RunningUpstreams = { env: Record<string, string>; close: () => Promise<void>; urls: Record<string, string> };

export async function startUpstreams(): Promise<RunningUpstreams> {
  // Filled in as the simulators land; until then the app talks to no upstream in e2e.
  return { env: { CLOUDFLARE_PACING: "false" }, close: async () => {}, urls: {} };
}
