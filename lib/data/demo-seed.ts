// Demo data for Applications: apps an identity provider knows about that no connector
// manages yet ("Unmanaged apps"). Fixed ids make the seed idempotent: running it again
// updates the same rows, and an app someone has since started managing is left alone.
import { db } from "@/lib/db/client";

type DemoApp = { id: string; name: string; description: string; discoveredFrom: string; discoveredAccounts: number };

export const DEMO_UNMANAGED_APPS: readonly DemoApp[] = [
  { id: "demo-app-slack", name: "Slack", description: "Team chat and channels.", discoveredFrom: "Okta", discoveredAccounts: 1_284 },
  { id: "demo-app-github", name: "GitHub", description: "Source code, pull requests and CI.", discoveredFrom: "Okta", discoveredAccounts: 642 },
  { id: "demo-app-zoom", name: "Zoom", description: "Video meetings and webinars.", discoveredFrom: "Microsoft Entra ID", discoveredAccounts: 1_105 },
  { id: "demo-app-notion", name: "Notion", description: "Docs, wikis and project notes.", discoveredFrom: "Google Workspace", discoveredAccounts: 388 },
  { id: "demo-app-figma", name: "Figma", description: "Design and prototyping.", discoveredFrom: "Okta", discoveredAccounts: 174 },
  { id: "demo-app-datadog", name: "Datadog", description: "Monitoring, logs and APM.", discoveredFrom: "Okta", discoveredAccounts: 231 },
  { id: "demo-app-salesforce", name: "Salesforce", description: "CRM for sales and service teams.", discoveredFrom: "Microsoft Entra ID", discoveredAccounts: 97 },
  { id: "demo-app-miro", name: "Miro", description: "Online whiteboards.", discoveredFrom: "Google Workspace", discoveredAccounts: 56 },
];

/** Inserts (or refreshes) the demo's unmanaged apps; returns how many rows it wrote. */
export async function seedDemoApplications(): Promise<number> {
  let written = 0;
  for (const app of DEMO_UNMANAGED_APPS) {
    const existing = await db.application.findUnique({ where: { id: app.id }, select: { managed: true } });
    if (existing?.managed) continue;
    await db.application.upsert({
      where: { id: app.id },
      create: { ...app, managed: false },
      update: { name: app.name, description: app.description, discoveredFrom: app.discoveredFrom, discoveredAccounts: app.discoveredAccounts },
    });
    written++;
  }
  return written;
}
