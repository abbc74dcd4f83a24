// `npm run demo` seeds: demo users with known passwords and unmanaged apps "discovered" in an
// identity provider, so a newcomer can walk the Add connector journey with no account anywhere.
// Idempotent: run it on every start; it resets only the demo users' passwords.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "@prisma/client";
import { hashPassword } from "@/lib/password";

export const DEMO_USERS: { name: string; email: string; role: Role; password: string }[] = [
  { name: "Ada Admin", email: "ada.admin@demo.example.com", role: "SUPER_ADMIN", password: "demo-super-admin" },
  { name: "Cora Connector", email: "cora.connector@demo.example.com", role: "CONNECTOR_ADMIN", password: "demo-connector-admin" },
  { name: "Uma Owner", email: "uma.owner@demo.example.com", role: "USER", password: "demo-app-owner" },
];

const DEMO_APPS = [
  { name: "Temporal Cloud", description: "Durable execution platform.", discoveredFrom: "Okta", discoveredAccounts: 8 },
  { name: "Cloudflare", description: "CDN, DNS and Zero Trust.", discoveredFrom: "Okta", discoveredAccounts: 6 },
  { name: "GitHub", description: "Source code hosting.", discoveredFrom: "Okta", discoveredAccounts: 42 },
  { name: "Datadog", description: "Monitoring.", discoveredFrom: "Google Workspace", discoveredAccounts: 17 },
  { name: "Notion", description: "Docs and wikis.", discoveredFrom: "Okta", discoveredAccounts: 35 },
];

/**
 * Takes the URL rather than using lib/db's client: the demo launcher parsed its environment
 * before the embedded database existed, so the shared client has no URL in that process.
 */
export async function seedDemoData(databaseUrl: string) {
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
    let apps = 0;
    for (const app of DEMO_APPS) {
      if (await prisma.application.findFirst({ where: { name: app.name }, select: { id: true } })) continue;
      await prisma.application.create({ data: { ...app, managed: false } });
      apps += 1;
    }
    return { users: DEMO_USERS, appsCreated: apps };
  } finally {
    await prisma.$disconnect();
  }
}
