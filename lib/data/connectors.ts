// Connectors: the list, the connector page's view, creation (attaching it to an app) and the
// later changes. Nothing here returns settings_sealed: pages get the public view only.
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { readPublicSettings } from "./connector-settings";

/** A refusal tied to a form field (the app is gone, an owner was disabled meanwhile). */
export class ConnectorInputError extends Error {
  name = "ConnectorInputError";
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

const ownerSelect = { user: { select: { id: true, name: true, email: true } } } as const;

export async function listConnectorRows() {
  const rows = await db.connector.findMany({
    orderBy: [{ createdAt: "desc" }],
    select: {
      id: true,
      catalogId: true,
      displayName: true,
      status: true,
      disabled: true,
      lastSyncAt: true,
      application: { select: { id: true, name: true } },
      owners: { select: ownerSelect, orderBy: { createdAt: "asc" } },
    },
  });
  return rows.map(({ owners, ...row }) => ({ ...row, owners: owners.map((o) => o.user) }));
}

export type ConnectorRow = Awaited<ReturnType<typeof listConnectorRows>>[number];

export async function getConnectorDetail(id: string) {
  const row = await db.connector.findUnique({
    where: { id },
    select: {
      id: true,
      catalogId: true,
      displayName: true,
      status: true,
      statusReason: true,
      settingsPublic: true,
      provisioningEnabled: true,
      disabled: true,
      syncIntervalMinutes: true,
      matchAttribute: true,
      batonProvider: true,
      lastSyncAt: true,
      failureAlertThreshold: true,
      credentialExpiresAt: true,
      credentialExpirySource: true,
      createdAt: true,
      application: { select: { id: true, name: true } },
      owners: { select: ownerSelect, orderBy: { createdAt: "asc" } },
    },
  });
  if (!row) return null;
  const { owners, settingsPublic, ...rest } = row;
  return { ...rest, owners: owners.map((o) => o.user), settings: readPublicSettings(settingsPublic) };
}

export type ConnectorDetail = NonNullable<Awaited<ReturnType<typeof getConnectorDetail>>>;

export type AppTarget = { kind: "unmanaged" | "managed"; applicationId: string } | { kind: "new"; name: string; description: string };

async function resolveApplication(tx: Prisma.TransactionClient, app: AppTarget) {
  if (app.kind === "new") {
    return tx.application.create({ data: { name: app.name, description: app.description, managed: true, managedAt: new Date() }, select: { id: true, name: true } });
  }
  const field = app.kind === "unmanaged" ? "unmanagedAppId" : "managedAppId";
  if (app.kind === "unmanaged") {
    // Conditional update: two admins adding connectors to the same unmanaged app both succeed,
    // and the app is made managed once.
    await tx.application.updateMany({ where: { id: app.applicationId, managed: false }, data: { managed: true, managedAt: new Date() } });
  }
  const found = await tx.application.findUnique({ where: { id: app.applicationId }, select: { id: true, name: true, managed: true } });
  if (!found || !found.managed) throw new ConnectorInputError("This app no longer exists. Choose another one.", field);
  return found;
}

export async function createConnector(input: { catalogId: string; displayName: string; app: AppTarget; ownerIds: string[]; createdById: string }) {
  const ownerIds = [...new Set(input.ownerIds)];
  return db.$transaction(async (tx) => {
    const owners = await tx.user.findMany({ where: { id: { in: ownerIds }, disabled: false }, select: { id: true, name: true, email: true } });
    if (owners.length !== ownerIds.length) throw new ConnectorInputError("One of the chosen owners is no longer an active user.", "ownerIds");
    const application = await resolveApplication(tx, input.app);
    const connector = await tx.connector.create({
      data: {
        catalogId: input.catalogId,
        displayName: input.displayName,
        applicationId: application.id,
        createdById: input.createdById,
        owners: { create: ownerIds.map((userId) => ({ userId })) },
      },
      select: { id: true, displayName: true },
    });
    return { connector, application, owners };
  });
}

/** Replaces the owners; returns who was added and removed so the caller can notify and audit. */
export async function setConnectorOwners(connectorId: string, ownerIds: string[]) {
  const wanted = [...new Set(ownerIds)];
  return db.$transaction(async (tx) => {
    const users = await tx.user.findMany({ where: { id: { in: wanted }, disabled: false }, select: { id: true, name: true, email: true } });
    if (users.length !== wanted.length) throw new ConnectorInputError("One of the chosen owners is no longer an active user.", "ownerIds");
    const current = (await tx.connectorOwner.findMany({ where: { connectorId }, select: { userId: true } })).map((o) => o.userId);
    const added = users.filter((u) => !current.includes(u.id));
    const removed = current.filter((id) => !wanted.includes(id));
    await tx.connectorOwner.deleteMany({ where: { connectorId, userId: { in: removed } } });
    await tx.connectorOwner.createMany({ data: added.map((u) => ({ connectorId, userId: u.id })) });
    return { added, removed };
  });
}

export function renameConnector(connectorId: string, displayName: string) {
  return db.connector.update({ where: { id: connectorId }, data: { displayName }, select: { id: true } });
}

export function setSyncInterval(connectorId: string, syncIntervalMinutes: number) {
  return db.connector.update({ where: { id: connectorId }, data: { syncIntervalMinutes }, select: { id: true } });
}

export function setFailureAlertThreshold(connectorId: string, failureAlertThreshold: number) {
  return db.connector.update({ where: { id: connectorId }, data: { failureAlertThreshold }, select: { id: true } });
}

export function setProvisioning(connectorId: string, enabled: boolean) {
  return db.connector.update({ where: { id: connectorId }, data: { provisioningEnabled: enabled }, select: { id: true } });
}

/** Disabling stops syncs; enabling returns to Pending setup until settings exist. */
export async function setConnectorDisabled(connectorId: string, disabled: boolean) {
  const row = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { settingsSealed: true, lastSyncAt: true } });
  const status = disabled ? "DISABLED" : !row.settingsSealed ? "PENDING_SETUP" : row.lastSyncAt ? "CONNECTED" : "SYNCING";
  await db.connector.update({ where: { id: connectorId }, data: { disabled, status, statusReason: null } });
  return { status, hasSettings: Boolean(row.settingsSealed) };
}

/** Removes the connector, its owners and its runs (cascade); snapshots go through lib/sync. */
/**
 * Deletes the connector with what hangs off it without a foreign key: its account links, and
 * for an identity provider its people (and every link to them); the apps it discovered stay,
 * marked as no longer in the provider.
 */
export async function deleteConnector(connectorId: string) {
  await db.$transaction([
    db.$executeRaw`DELETE FROM account_links WHERE connector_id = ${connectorId} OR person_id IN (SELECT id FROM people WHERE identity_connector_id = ${connectorId})`,
    db.$executeRaw`DELETE FROM people WHERE identity_connector_id = ${connectorId}`,
    db.$executeRaw`UPDATE applications SET discovered_gone_at = coalesce(discovered_gone_at, now() AT TIME ZONE 'UTC') WHERE discovered_by_connector_id = ${connectorId}`,
    db.connector.delete({ where: { id: connectorId } }),
  ]);
}

/** Connectors awaiting set-up that this user owns: the Overview's "pending set-ups". */
export function listPendingSetups(userId: string) {
  return db.connector.findMany({
    where: { status: "PENDING_SETUP", owners: { some: { userId } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, displayName: true, createdAt: true, application: { select: { name: true } }, createdBy: { select: { name: true } } },
  });
}
