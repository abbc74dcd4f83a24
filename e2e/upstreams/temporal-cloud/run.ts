// Runs the simulator on its own, for Playwright's webServer, demos and the benchmark:
//   npx tsx e2e/upstreams/temporal-cloud/run.ts --port 4010 [--users 100000 --namespaces 2000 --grants 1000000]
//     [--wire grpc-gateway]   (or TEMPORAL_SIM_WIRE=grpc-gateway: every field written out, as grpc-gateway does)
// Without --users it serves the fixture. Prints one JSON line with the URL and the API key.
import { parseArgs } from "node:util";
import { DEMO_API_KEY, generateTemporalOrg, startTemporalCloudSimulator, WIRES, type Wire } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    users: { type: "string" },
    namespaces: { type: "string", default: "50" },
    grants: { type: "string" },
    "api-key": { type: "string", default: DEMO_API_KEY },
    "latency-ms": { type: "string", default: "0" },
    // A dev tool's own knob, like TEMPORAL_SIM_PORT in scripts/upstreams.ts, not the app's environment.
    wire: { type: "string", default: process.env.TEMPORAL_SIM_WIRE || "compact" },
  },
});
if (!(WIRES as readonly string[]).includes(values.wire)) {
  console.error(`--wire must be one of ${WIRES.join(", ")}, not ${values.wire}`);
  process.exit(2);
}

const users = values.users === undefined ? undefined : Number(values.users);
const namespaces = Number(values.namespaces);
const org =
  users === undefined ? undefined : generateTemporalOrg({ users, namespaces, grants: values.grants === undefined ? Math.min(users * 10, users * namespaces) : Number(values.grants) });
const sim = await startTemporalCloudSimulator({
  org,
  port: Number(values.port),
  host: values.host,
  apiKeys: [values["api-key"]],
  latencyMs: Number(values["latency-ms"]),
  wire: values.wire as Wire,
});
console.log(JSON.stringify({ url: sim.url, apiKey: values["api-key"], wire: values.wire, counts: org?.counts ?? "fixture" }));

const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
