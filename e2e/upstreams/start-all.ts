// Starts every upstream simulator on loopback and returns the environment that points the
// app's adapters at them. Used by the e2e runner and `npm run demo`.
import { CLOUDFLARE_DEMO_CREDENTIALS, startCloudflareSimulator, startTemporalCloudSimulator, TEMPORAL_CLOUD_DEMO_API_KEY } from "./index";

export type RunningUpstreams = {
  env: Record<string, string>;
  urls: { temporalCloud: string; cloudflare: string };
  credentials: { temporalCloud: { apiKey: string }; cloudflare: typeof CLOUDFLARE_DEMO_CREDENTIALS };
  close: () => Promise<void>;
};

export async function startUpstreams(ports: { temporalCloud?: number; cloudflare?: number } = {}): Promise<RunningUpstreams> {
  const temporal = await startTemporalCloudSimulator({ port: ports.temporalCloud ?? 0, host: "127.0.0.1" });
  const cloudflare = await startCloudflareSimulator({ port: ports.cloudflare ?? 0, host: "127.0.0.1" });
  return {
    env: { TEMPORAL_CLOUD_API_URL: temporal.url, CLOUDFLARE_API_URL: cloudflare.url, CLOUDFLARE_PACING: "false" },
    urls: { temporalCloud: temporal.url, cloudflare: cloudflare.url },
    credentials: { temporalCloud: { apiKey: TEMPORAL_CLOUD_DEMO_API_KEY }, cloudflare: CLOUDFLARE_DEMO_CREDENTIALS },
    close: async () => {
      await Promise.allSettled([temporal.close(), cloudflare.close()]);
    },
  };
}
