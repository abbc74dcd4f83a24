// What the Add connector wizard chooses from: apps (unmanaged, discovered in an identity
// provider; and managed) and the users who can own the connector.
import { db } from "@/lib/db/client";

export async function listAppsForWizard() {
  const apps = await db.application.findMany({
    // An app the identity provider no longer lists is not offered for a new connector.
    where: { OR: [{ managed: true }, { discoveredGoneAt: null }] },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, description: true, managed: true, discoveredFrom: true, discoveredAccounts: true },
    take: 1000,
  });
  return { unmanaged: apps.filter((a) => !a.managed), managed: apps.filter((a) => a.managed) };
}

export type WizardApp = Awaited<ReturnType<typeof listAppsForWizard>>["managed"][number];

/** Active users, as owner candidates (name and email only). */
export function listOwnerCandidates() {
  return db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true }, take: 1000 });
}

export type OwnerCandidate = Awaited<ReturnType<typeof listOwnerCandidates>>[number];
