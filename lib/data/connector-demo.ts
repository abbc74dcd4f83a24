// `npm run demo` seeds: demo users with known passwords and an Okta connector pointed at the
// Okta simulator, whose first sync (within a minute of start) discovers the unmanaged apps and
// the People directory, so a newcomer can walk the Add connector journey with no account
// anywhere. Idempotent: run it on every start; it resets only the demo users' passwords.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "@prisma/client";
import { okta } from "@/lib/connectors/okta";
import { sealJson, parseKey } from "@/lib/crypto";
import { hashPassword } from "@/lib/password";
import { toPublicSettings } from "./connector-settings";

export const DEMO_USERS: { name: string; email: string; role: Role; password: string }[] = [
  { name: "Ada Admin", email: "ada.admin@demo.example.com", role: "SUPER_ADMIN", password: "demo-super-admin" },
  { name: "Cora Connector", email: "cora.connector@demo.example.com", role: "CONNECTOR_ADMIN", password: "demo-connector-admin" },
  { name: "Uma Owner", email: "uma.owner@demo.example.com", role: "USER", password: "demo-app-owner" },
];

const OKTA_CONNECTOR_ID = "demo-okta";
const OKTA_APP_ID = "demo-app-okta";

export type DemoOkta = { domain: string; apiToken: string };

/** The identity provider, already set up: an Okta connector on a managed "Okta" app, owned by the first demo user. */
async function seedOktaConnector(prisma: PrismaClient, owner: string, settings: DemoOkta, encryptionKey: string) {
  if (await prisma.connector.findUnique({ where: { id: OKTA_CONNECTOR_ID }, select: { id: true } })) return false;
  const config = { authMethod: "api-token", domain: settings.domain, apiToken: settings.apiToken };
  await prisma.application.upsert({
    where: { id: OKTA_APP_ID },
    create: { id: OKTA_APP_ID, name: "Okta", description: "Identity provider: people, groups and app assignments.", managed: true, managedAt: new Date() },
    update: {},
  });
  await prisma.connector.create({
    data: {
      id: OKTA_CONNECTOR_ID,
      catalogId: "okta",
      displayName: "Okta",
      applicationId: OKTA_APP_ID,
      // Not PENDING_SETUP: the scheduler's first pass (within a minute) runs the first sync.
      status: "SYNCING",
      settingsSealed: sealJson(config, parseKey(encryptionKey)),
      settingsPublic: toPublicSettings(okta.settings, config),
      owners: { create: [{ userId: owner }] },
    },
  });
  return true;
}

/**
 * Takes the URL rather than using lib/db's client: the demo launcher parsed its environment
 * before the embedded database existed, so the shared client has no URL in that process.
 */
export async function seedDemoData(databaseUrl: string, options: { okta: DemoOkta; encryptionKey: string }) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    for (const user of DEMO_USERS) {
      const passwordHash = await hashPassword(user.password);
      await prisma.user.upsert({
        where: { email: user.email },
        create: { name: user.name, email: user.email, role: user.role, passwordHash },
        update: { passwordHash, disabled: false, role: user.role },
      });
    }
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email }, select: { id: true } });
    const oktaCreated = await seedOktaConnector(prisma, admin.id, options.okta, options.encryptionKey);
    return { users: DEMO_USERS, oktaCreated };
  } finally {
    await prisma.$disconnect();
  }
}
