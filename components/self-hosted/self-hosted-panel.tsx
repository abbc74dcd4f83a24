// The self-hosted part of a Baton connector's page: client credentials (Rotate), what the
// runner last reported, the two Kubernetes manifests, and "Upload .c1z". A server component
// with plain props; the interactive parts are the client components beside it.
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/connectors/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { RotateCredentials as RotateAction, SelfHostedPanelData } from "@/lib/self-hosted/panel-types";
import { ManifestFiles } from "./manifest-files";
import { RotateCredentials } from "./rotate-credentials";
import { UploadC1z } from "./upload-c1z";

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-all text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

const muted = (text: string) => <span className="text-slate-400">{text}</span>;

export function SelfHostedPanel({ data, rotate }: { data: SelfHostedPanelData; rotate: RotateAction }) {
  return (
    <section className="space-y-6" aria-label="Self-hosted connector">
      <Card>
        <CardHeader title="Client credentials" description="The runner in your environment signs in with these. Rotate to get a new pair; the previous secret stops working at once." />
        <CardBody className="space-y-4">
          <dl className="divide-y divide-slate-100 text-sm">
            <Row label="Provider">{data.providerLabel ?? muted("Not chosen: edit the settings")}</Row>
            <Row label="Client ID" testId="client-id">
              {data.clientId ? <span className="font-mono">{data.clientId}</span> : muted("None yet: click Rotate")}
            </Row>
            <Row label="Client Secret">{data.clientId ? <span className="font-mono">••••••••</span> : muted("None yet")}</Row>
            <Row label="Last seen" testId="runner-last-seen">
              {data.lastSeenAt ? formatDateTime(data.lastSeenAt) : muted("Never")}
            </Row>
            <Row label="Runner version" testId="runner-version">
              {data.runnerVersion ?? muted("Unknown")}
            </Row>
          </dl>
          <RotateCredentials connectorId={data.connectorId} hasCredentials={Boolean(data.clientId)} rotate={rotate} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Kubernetes manifests" description="Apply both in your cluster after filling in the placeholders; the Deployment runs the Gatekeeper runner, which syncs on the connector's interval and uploads here." />
        <CardBody>
          {data.manifests ? (
            <ManifestFiles variants={data.manifests} />
          ) : (
            <p className="text-sm text-slate-600">
              {data.provider === "other"
                ? "The Gatekeeper runner runs Temporal Cloud and Cloudflare. For another Baton connector, run it with its own image and upload the .c1z file it writes, here or to POST /api/v1/uploads/c1z."
                : "Choose the provider in the settings to generate the manifests."}
            </p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Upload .c1z" description="Import a sync written by a Baton connector (baton-<app> --file sync.c1z)." />
        <CardBody>
          <UploadC1z uploadUrl={data.uploadUrl} />
        </CardBody>
      </Card>
    </section>
  );
}
