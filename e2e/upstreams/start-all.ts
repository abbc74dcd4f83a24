// Starts every upstream simulator on loopback and returns the environment that points the
// app's adapters at them. Used by the e2e runner and `npm run demo`.
import {
  CLOUDFLARE_DEMO_CREDENTIALS,
  demoOktaOAuthClient,
  OKTA_DEMO_API_TOKEN,
  OKTA_DEMO_ORG_URL,
  startCloudflareSimulator,
  startOktaSimulator,
  startTemporalCloudSimulator,
  TEMPORAL_CLOUD_DEMO_API_KEY,
} from "./index";

export type OktaDemoCredentials = {
  /** The Okta domain to enter in the settings (OKTA_API_URL sends the calls to the simulator). */
  domain: string;
  apiToken: string;
  oauth: { clientId: string; keyId: string; privateKeyPem: string };
};

export type RunningUpstreams = {
  env: Record<string, string>;
  urls: { temporalCloud: string; cloudflare: string; okta: string };
  credentials: { temporalCloud: { apiKey: string }; cloudflare: typeof CLOUDFLARE_DEMO_CREDENTIALS; okta: OktaDemoCredentials };
  close: () => Promise<void>;
};

export async function startUpstreams(ports: { temporalCloud?: number; cloudflare?: number; okta?: number } = {}): Promise<RunningUpstreams> {
  const temporal = await startTemporalCloudSimulator({ port: ports.temporalCloud ?? 0, host: "127.0.0.1" });
  const cloudflare = await startCloudflareSimulator({ port: ports.cloudflare ?? 0, host: "127.0.0.1" });
  const okta = await startOktaSimulator({ port: ports.okta ?? 0, host: "127.0.0.1" });
  const client = demoOktaOAuthClient();
  return {
    env: { TEMPORAL_CLOUD_API_URL: temporal.url, CLOUDFLARE_API_URL: cloudflare.url, CLOUDFLARE_PACING: "false", OKTA_API_URL: okta.url },
    urls: { temporalCloud: temporal.url, cloudflare: cloudflare.url, okta: okta.url },
    credentials: {
      temporalCloud: { apiKey: TEMPORAL_CLOUD_DEMO_API_KEY },
      cloudflare: CLOUDFLARE_DEMO_CREDENTIALS,
      okta: { domain: OKTA_DEMO_ORG_URL, apiToken: OKTA_DEMO_API_TOKEN, oauth: { clientId: client.clientId, keyId: client.keyId, privateKeyPem: client.privateKeyPem } },
    },
    close: async () => {
      await Promise.allSettled([temporal.close(), cloudflare.close(), okta.close()]);
    },
  };
}
