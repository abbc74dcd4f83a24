"use client";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { visibleSettingsFields, type PublicSettings, type SettingsFormSpec } from "@/lib/validation/connector-options";
import type { SaveSettings } from "./settings-form";
import { useRefreshConnectorStatus } from "./use-connector-status";

// Loaded when Edit is clicked: the generated form brings react-hook-form and zod.
const SettingsForm = lazy(() => import("./settings-form").then((m) => ({ default: m.SettingsForm })));

function SettingsView({ spec, stored }: { spec: SettingsFormSpec; stored: PublicSettings }) {
  const alternativeId = spec.alternativeField ? stored.values[spec.alternativeField] : undefined;
  const alternative = spec.alternatives?.find((a) => a.id === alternativeId);
  const rows = visibleSettingsFields(spec, alternativeId).map((field) => ({
    label: field.label,
    value: field.secret ? stored.secrets[field.name] : (field.options?.find((o) => o.value === stored.values[field.name])?.label ?? stored.values[field.name]),
    secret: field.secret,
    name: field.name,
  }));
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {alternative && (
        <div className="grid grid-cols-3 gap-4 py-2">
          <dt className="text-slate-500">Authentication</dt>
          <dd className="col-span-2 text-slate-900">{alternative.label}</dd>
        </div>
      )}
      {rows.map((row) => (
        <div key={row.name} className="grid grid-cols-3 gap-4 py-2">
          <dt className="text-slate-500">{row.label}</dt>
          <dd className={row.secret ? "col-span-2 font-mono text-slate-900" : "col-span-2 break-all text-slate-900"} data-testid={`setting-${row.name}`}>
            {row.value || <span className="font-sans text-slate-400">Not set</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SettingsCard({ connectorId, spec, stored, canEdit, save }: { connectorId: string; spec: SettingsFormSpec; stored: PublicSettings | null; canEdit: boolean; save: SaveSettings }) {
  const router = useRouter();
  const refreshStatus = useRefreshConnectorStatus(connectorId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader
        title="Settings"
        description="Credentials are checked with the upstream before they are saved, and stored encrypted."
        actions={
          canEdit && !editing ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit
            </Button>
          ) : undefined
        }
      />
      <CardBody className="space-y-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {editing ? (
          <Suspense fallback={<p className="text-sm text-slate-500">Loading the form…</p>}>
            <SettingsForm
              connectorId={connectorId}
              spec={spec}
              stored={stored}
              save={save}
              onCancel={() => setEditing(false)}
              onSaved={async ({ syncing }) => {
                setEditing(false);
                setNotice(syncing ? "Settings saved. A sync has started." : "Settings saved.");
                await refreshStatus();
                router.refresh();
              }}
            />
          </Suspense>
        ) : stored ? (
          <SettingsView spec={spec} stored={stored} />
        ) : (
          <p className="text-sm text-slate-600">No settings yet. {canEdit ? "Click Edit to enter the credentials." : "An owner or a Connector Administrator enters them."}</p>
        )}
      </CardBody>
    </Card>
  );
}
