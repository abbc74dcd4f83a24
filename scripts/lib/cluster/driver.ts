// A child process that acts on the cluster's database through the app's own code, for the
// Playwright spec (whose own process is bound to the e2e database):
//   node --import tsx scripts/lib/cluster/driver.ts setup <connectors>   (settings in CLUSTER_SETTINGS)
//   node --import tsx scripts/lib/cluster/driver.ts enqueue <connector id>...
// Prints one JSON line: what it made, or the run ids.
import { closeConnections, createAdmin, createBatonConnector, createHostedConnectors, enqueueAll, type ClusterSettings } from "./connectors";

const [command, ...args] = process.argv.slice(2);

async function main() {
  if (command === "setup") {
    const settings = JSON.parse(process.env.CLUSTER_SETTINGS ?? "{}") as ClusterSettings;
    const admin = await createAdmin();
    const connectorIds = (await createHostedConnectors(admin, Number(args[0] ?? 20), settings)).map((c) => c.id);
    const baton = await createBatonConnector(admin);
    // Saving settings queues the first sync, as the settings form does.
    const firstRunIds = await enqueueAll(connectorIds, "settings");
    return { admin, connectorIds, baton, firstRunIds };
  }
  if (command === "enqueue") return { runIds: await enqueueAll(args) };
  throw new Error(`Unknown command ${command}: setup <n> | enqueue <ids...>`);
}

main().then(
  async (result) => {
    await closeConnections();
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`[cluster-driver] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
