// Reading and writing a connector's settings: sealed in full (AES-256-GCM), with a public view
// of plain values and masked hints beside it. openStoredConfig is for the server only (the
// check before a save, the sync engine); its result never goes into a page or a response.
import type { ConnectorStatus } from "@prisma/client";
import { openJson, sealJson } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import type { PublicSettings, StoredConfig } from "./connector-settings";

export async function openStoredConfig(connectorId: string): Promise<StoredConfig | null> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, select: { settingsSealed: true } });
  return row?.settingsSealed ? openJson<StoredConfig>(row.settingsSealed) : null;
}

/** Stores checked settings and marks the connector Syncing (or keeps it Disabled). */
export async function storeConnectorSettings(connectorId: string, config: StoredConfig, publicView: PublicSettings) {
  const current = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { disabled: true, status: true, statusReason: true } });
  const saved = await db.connector.update({
    where: { id: connectorId },
    data: {
      settingsSealed: sealJson(config),
      settingsPublic: publicView,
      ...(current.disabled ? {} : { status: "SYNCING" as const, statusReason: null }),
    },
    select: { id: true, disabled: true },
  });
  return { ...saved, previous: { status: current.status, statusReason: current.statusReason } };
}

/** Undoes the Syncing mark when no hosted sync follows (a self-hosted connector's runner syncs). */
export async function restoreConnectorStatus(connectorId: string, previous: { status: ConnectorStatus; statusReason: string | null }) {
  await db.connector.updateMany({ where: { id: connectorId, status: "SYNCING" }, data: previous });
}
