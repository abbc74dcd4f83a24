import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RequestForm } from "@/components/requests/request-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getRequestable } from "@/lib/requests/requestable";
import { approverLabels, formatHours } from "@/lib/validation/requests";
import { createRequestAction } from "../actions";

export const metadata: Metadata = { title: "Request access" };

const paramsSchema = z.object({ connectorId: z.string().min(1).max(64), entitlementId: z.string().min(1).max(512) });

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const parsed = paramsSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const { connectorId, entitlementId } = parsed.data;
  const target = await getRequestable(user, connectorId, entitlementId);
  if (!target) notFound();
  const { policy } = target;
  const approval = policy.firstApprover === "NONE" && policy.lowRisk ? "No approval (low risk)" : [approverLabels[policy.firstApprover], policy.secondApprover && approverLabels[policy.secondApprover]].filter(Boolean).join(", then ");
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/requests" className="hover:text-slate-700 hover:underline">Request access</Link>}
        title={`Request ${target.name}`}
        description={target.description ?? undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardBody>
            {target.refusal ? (
              <Alert tone="warning" title="This cannot be requested">
                <span data-testid="request-refusal">{target.refusal}</span>
              </Alert>
            ) : (
              <RequestForm
                connectorId={connectorId}
                entitlementId={entitlementId}
                maxDurationHours={policy.maxDurationHours}
                defaultDurationHours={policy.defaultDurationHours}
                allowPermanent={policy.allowPermanent}
                justificationRequired={policy.justificationRequired}
                submit={createRequestAction}
              />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <DescriptionList
              items={[
                { label: "App", value: target.appName },
                { label: "Your account", value: target.account?.name ?? "None matched" },
                { label: "Approval", value: approval },
                { label: "Up to", value: `${formatHours(policy.maxDurationHours)}${policy.allowPermanent ? ", or permanent" : ""}` },
              ]}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
