// Runs the Okta simulator on its own, for demos and the benchmark:
//   npx tsx e2e/upstreams/okta/run.ts --port 4030 [--users 100000 --groups 5000 --memberships 1000000 --apps 500] [--no-rate-limits]
// Without --users it serves the demo fixture. Prints one JSON line with the URL and the demo
// credentials (the OAuth private key is made at start, so it is printed too).
import { parseArgs } from "node:util";
import { demoOktaOAuthClient, OKTA_DEMO_API_TOKEN } from "./auth";
import { generateOktaOrg } from "./generate";
import { startOktaSimulator } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4030" },
    host: { type: "string", default: "127.0.0.1" },
    users: { type: "string" },
    groups: { type: "string", default: "50" },
    memberships: { type: "string" },
    apps: { type: "string", default: "20" },
    "latency-ms": { type: "string", default: "0" },
    "no-rate-limits": { type: "boolean", default: false },
  },
});

const users = values.users === undefined ? undefined : Number(values.users);
const org =
  users === undefined
    ? undefined
    : generateOktaOrg({ users, groups: Number(values.groups), memberships: values.memberships === undefined ? users * 2 : Number(values.memberships), apps: Number(values.apps) });
const sim = await startOktaSimulator({
  org,
  port: Number(values.port),
  host: values.host,
  latencyMs: Number(values["latency-ms"]),
  rateLimits: { enabled: !values["no-rate-limits"] },
});
const client = demoOktaOAuthClient();
console.log(
  JSON.stringify({
    url: sim.url,
    orgUrl: sim.orgUrl,
    apiToken: OKTA_DEMO_API_TOKEN,
    oauth: { clientId: client.clientId, keyId: client.keyId, privateKeyPem: client.privateKeyPem },
    counts: org ? { users: org.users.length, groups: org.groups.length, apps: org.apps.length } : "fixture",
  }),
);

const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
