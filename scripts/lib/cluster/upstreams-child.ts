// `node --import tsx scripts/lib/cluster/upstreams-child.ts`: the cluster's simulators in a
// process of their own; prints one JSON line (their addresses, settings) and runs until SIGTERM.
// Sizes: CLUSTER_SIM_TEMPORAL_USERS, CLUSTER_SIM_CLOUDFLARE_MEMBERS (this harness's own knobs,
// not the app's environment); the simulators' small fixtures when unset.
import { z } from "zod";
import { startClusterUpstreams } from "./upstreams";

const size = z.coerce.number().int().positive().optional();
const sizes = z.object({ CLUSTER_SIM_TEMPORAL_USERS: size, CLUSTER_SIM_CLOUDFLARE_MEMBERS: size }).parse(process.env);
const upstreams = await startClusterUpstreams({ temporalUsers: sizes.CLUSTER_SIM_TEMPORAL_USERS, cloudflareMembers: sizes.CLUSTER_SIM_CLOUDFLARE_MEMBERS });
const { close, ...info } = upstreams;
console.log(JSON.stringify(info));
process.once("SIGTERM", () => void close().then(() => process.exit(0)));
