// Self-hosted (Baton) connectors: their client credentials, and what the runner reports
// (last seen, version). Only the hash of a client secret is ever stored or read back.
import { db } from "@/lib/db/client";
import { readPublicSettings } from "./connector-settings";

const selfHostedSelect = {
  id: true,
  catalogId: true,
  displayName: true,
  disabled: true,
  provisioningEnabled: true,
  syncIntervalMinutes: true,
  batonProvider: true,
  settingsPublic: true,
  clientId: true,
  clientSecretHash: true,
  clientRotatedAt: true,
  lastSeenAt: true,
  runnerVersion: true,
  application: { select: { id: true, name: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(where: { id: string } | { clientId: string }) {
  return db.connector.findUnique({ where, select: selfHostedSelect });
}

function toSelfHosted({ settingsPublic, batonProvider, ...row }: Row) {
  // The settings form stores the provider in the public view; the column wins when set.
  const provider = batonProvider ?? readPublicSettings(settingsPublic)?.values.provider ?? null;
  return { ...row, provider };
}

export type SelfHostedConnector = ReturnType<typeof toSelfHosted>;

export async function getSelfHostedConnector(connectorId: string): Promise<SelfHostedConnector | null> {
  const row = await findRow({ id: connectorId });
  return row ? toSelfHosted(row) : null;
}

export async function findConnectorByClientId(clientId: string): Promise<SelfHostedConnector | null> {
  const row = await findRow({ clientId });
  return row ? toSelfHosted(row) : null;
}

/**
 * Replaces the client id and secret hash in one statement: from its commit on, the old secret
 * and every token signed for the old rotation time are refused.
 */
export async function storeClientCredentials(connectorId: string, credentials: { clientId: string; secretHash: string; rotatedAt: Date }) {
  return db.connector.update({
    where: { id: connectorId },
    data: { clientId: credentials.clientId, clientSecretHash: credentials.secretHash, clientRotatedAt: credentials.rotatedAt },
    select: { id: true, clientId: true, clientRotatedAt: true },
  });
}

/** The runner said hello: last seen now, and its version when it sent one. */
export async function recordRunnerContact(connectorId: string, contact: { at: Date; runnerVersion?: string }) {
  await db.connector.update({
    where: { id: connectorId },
    data: { lastSeenAt: contact.at, ...(contact.runnerVersion ? { runnerVersion: contact.runnerVersion } : {}) },
    select: { id: true },
  });
}
