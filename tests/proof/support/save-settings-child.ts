// A stand-in for the web process in the crash proof: it saves one connector's settings over
// and over through the data-layer function the settings action uses (sealed config, public
// view, status), each version different in every field, until it is killed with SIGKILL.
// It says "saving N" before each save and "saved N" after its commit, so the test knows which
// versions may be stored when the kill lands. Run with DATABASE_URL, ENCRYPTION_KEY,
// CONNECTOR_ID and FIRST_VERSION set.
import { getConnector } from "@/lib/connectors/registry";
import { toPublicSettings } from "@/lib/data/connector-settings";
import { storeConnectorSettings } from "@/lib/data/connector-settings-store";
import { settingsVersion } from "./settings-versions";

const connectorId = process.env.CONNECTOR_ID ?? "";
const spec = getConnector("temporal-cloud").settings;

console.log("child ready");
for (let version = Number(process.env.FIRST_VERSION ?? 1); ; version++) {
  const config = settingsVersion(version);
  process.stdout.write(`saving ${version}\n`);
  await storeConnectorSettings(connectorId, config, toPublicSettings(spec, config));
  process.stdout.write(`saved ${version}\n`);
}
