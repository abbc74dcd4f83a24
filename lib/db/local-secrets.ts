// On the embedded default, the keys the app needs are generated on first run into DATA_DIR
// (mode 0600) so that `npm start` needs no configuration. Back them up with the data.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function readOrCreateSecret(dataDir: string, fileName: string, log: (line: string) => void) {
  const file = path.resolve(dataDir, fileName);
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return { value: existing.trim(), file, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  const value = randomBytes(32).toString("base64");
  await writeFile(file, value + "\n", { mode: 0o600 });
  await chmod(file, 0o600);
  log(`Generated ${fileName} at ${file} (mode 0600). Back it up with the database: without it stored secrets cannot be read.`);
  return { value, file, created: true };
}
