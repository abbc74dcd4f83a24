import type { Metadata } from "next";
import { CampaignForm } from "@/components/reviews/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { now } from "@/lib/clock";
import { listManagedApps } from "@/lib/data/applications";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { listReviewerOptions } from "@/lib/data/review-campaigns";
import { createCampaignAction } from "../actions";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  const [apps, users] = await Promise.all([listManagedApps(), listReviewerOptions()]);
  const due = new Date(now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader eyebrow="Admin › Access reviews" title="New campaign" description="Save it as a draft, check it, then launch it from its page." />
      <CampaignForm apps={apps.map((a) => ({ id: a.id, name: a.name }))} users={users} action={createCampaignAction} defaultDueDate={due} />
    </>
  );
}
