import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionForm } from "@/components/requests/decision-form";
import { ExtendForm } from "@/components/requests/extend-form";
import { CancelRequestButton, RevokeNowButton } from "@/components/requests/request-buttons";
import { RequestHistory } from "@/components/requests/request-history";
import { formatUtc, RequestState } from "@/components/requests/request-state";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { canManageRequestSettings, getEffectivePolicy } from "@/lib/data/request-settings";
import { getRequest, listRequestEvents, listUsersById } from "@/lib/data/request-store";
import { formatHours } from "@/lib/validation/requests";
import { cancelRequestAction, decideRequestAction, extendRequestAction, revokeRequestAction } from "../actions";

export const metadata: Metadata = { title: "Access request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const request = await getRequest((await params).id);
  if (!request) notFound();
  const isRequester = request.requesterId === user.id;
  const isApprover = request.steps.some((step) => step.includes(user.id));
  const manages = await canManageRequestSettings(user, request.applicationId);
  if (!isRequester && !isApprover && !manages) notFound();
  const [events, approvers] = await Promise.all([listRequestEvents(request.id), listUsersById(request.steps.flat())]);
  const decides = request.state === "PENDING" && !isRequester && (request.steps[request.step - 1] ?? []).includes(user.id);
  const live = (request.state === "ACTIVE" || request.state === "FAILED") && !request.endedAt && request.activatedAt;
  const extendable = isRequester && request.state === "ACTIVE" && request.endsAt && !request.endAs && !request.extendsRequestId;
  const policy = extendable ? (await getEffectivePolicy(request.applicationId, request.connectorId, request.entitlementId)).policy : null;
  const steps = request.steps.map((ids, index) => ({
    label: request.steps.length > 1 ? `Step ${index + 1} approvers` : "Approvers",
    value: ids.map((id) => approvers.get(id)?.email ?? id).join(", "),
  }));
  return (
    <>
      <PageHeader
        eyebrow={<Link href={isRequester ? "/requests/mine" : "/requests/approvals"} className="hover:text-slate-700 hover:underline">{isRequester ? "My requests" : "Approvals"}</Link>}
        title={`${request.extendsRequestId ? "Extension of " : ""}${request.entitlementName} in ${request.appName}`}
        description={`Requested by ${request.requesterName} (${request.requesterEmail})`}
        actions={<RequestState state={request.state} endsAt={request.endsAt} extension={Boolean(request.extendsRequestId)} />}
      />
      {request.lastError && (request.state === "FAILED" || request.state === "REVOKED") && (
        <Alert tone={request.state === "FAILED" ? "error" : "info"} className="mb-6" title={request.state === "FAILED" ? "The app refused or failed" : undefined}>
          {request.lastError}
          {request.state === "FAILED" && !request.endedAt ? ` Retried automatically${request.nextRevokeAt ? ` at ${formatUtc(request.nextRevokeAt)}` : ""}; until then the access stays.` : ""}
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardBody>
              <DescriptionList
                items={[
                  { label: "Account", value: request.principalName },
                  { label: "Duration", value: formatHours(request.durationHours) },
                  { label: "Justification", value: request.justification || "None given" },
                  { label: "Requested", value: formatUtc(request.createdAt) },
                  ...(request.endsAt ? [{ label: request.endedAt ? "Ended" : "Ends", value: formatUtc(request.endedAt ?? request.endsAt) }] : []),
                  ...steps,
                ]}
              />
            </CardBody>
          </Card>
          {decides && (
            <Card>
              <CardHeader title={request.steps.length > 1 ? `Your decision (step ${request.step} of ${request.steps.length})` : "Your decision"} />
              <CardBody>
                <DecisionForm requestId={request.id} step={request.step} decide={decideRequestAction} />
              </CardBody>
            </Card>
          )}
          {extendable && policy && (
            <Card>
              <CardHeader title="Need more time?" description="An extension is approved like the request." />
              <CardBody>
                <ExtendForm requestId={request.id} maxDurationHours={policy.maxDurationHours} extend={extendRequestAction} />
              </CardBody>
            </Card>
          )}
          {(isRequester && request.state === "PENDING") || (live && (isRequester || manages)) ? (
            <div className="flex justify-end gap-2">
              {isRequester && request.state === "PENDING" && <CancelRequestButton requestId={request.id} cancel={cancelRequestAction} />}
              {live && (isRequester || manages) && <RevokeNowButton requestId={request.id} name={request.entitlementName} revoke={revokeRequestAction} />}
            </div>
          ) : null}
        </div>
        <Card>
          <CardHeader title="History" />
          <CardBody>
            <RequestHistory events={events} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
