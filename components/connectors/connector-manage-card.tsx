"use client";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { describeInterval, failureAlertThresholdOptions, matchAttributeLabels, syncIntervalOptions } from "@/lib/validation/connector-options";
import { DeleteConnectorButton } from "./delete-connector-button";
import { useRefreshConnectorStatus } from "./use-connector-status";

const RenameConnectorForm = lazy(() => import("./rename-connector-form").then((m) => ({ default: m.RenameConnectorForm })));

type Result = Promise<ActionResultLike<unknown>>;
export type ManageActions = {
  rename: (input: { connectorId: string; displayName: string }) => Result;
  setSyncInterval: (input: { connectorId: string; syncIntervalMinutes: number }) => Result;
  setFailureAlertThreshold: (input: { connectorId: string; threshold: number }) => Result;
  setProvisioning: (input: { connectorId: string; enabled: boolean }) => Result;
  setDisabled: (input: { connectorId: string; disabled: boolean }) => Result;
  deleteConnector: (input: { connectorId: string }) => Result;
  setMatchAttribute: (input: { connectorId: string; attribute: MatchAttribute }) => Result;
};
type MatchAttribute = keyof typeof matchAttributeLabels;
type Connector = { id: string; displayName: string; appName: string; syncIntervalMinutes: number; failureAlertThreshold: number; provisioningEnabled: boolean; disabled: boolean; matchAttribute: string; identityProvider: boolean };

/** The administrators' controls: rename, sync interval, failed-sync alerts, provisioning, disable, delete. */
export function ConnectorManageCard({ connector, actions }: { connector: Connector; actions: ManageActions }) {
  const router = useRouter();
  const refreshStatus = useRefreshConnectorStatus(connector.id);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Result) =>
    startTransition(async () => {
      setError(null);
      const result = await call();
      if (!result.ok) setError(result.message);
      // Disable and enable change the status: poll now rather than at the slow interval.
      await refreshStatus();
      router.refresh();
    });
  const [renaming, setRenaming] = useState(false);
  const id = connector.id;
  return (
    <Card>
      <CardHeader title="Manage" />
      <CardBody className="space-y-5">
        {error && <Alert tone="error">{error}</Alert>}
        {renaming ? (
          <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
            <RenameConnectorForm connectorId={id} displayName={connector.displayName} rename={actions.rename} onDone={() => setRenaming(false)} />
          </Suspense>
        ) : (
          <div className="flex items-end justify-between gap-3">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-800">Name</p>
              <p className="truncate text-sm text-slate-600">{connector.displayName}</p>
            </div>
            <Button variant="secondary" size="sm" aria-label="Edit name" onClick={() => setRenaming(true)}>
              Edit
            </Button>
          </div>
        )}
        <Field id="sync-interval" label="Sync interval">
          <Select id="sync-interval" value={connector.syncIntervalMinutes} disabled={pending} onChange={(e) => run(() => actions.setSyncInterval({ connectorId: id, syncIntervalMinutes: Number(e.target.value) }))}>
            {syncIntervalOptions.map((m) => (
              <option key={m} value={m}>
                {describeInterval(m)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="failure-alert-threshold" label="Failed-sync alert" help="The owners get one email when syncs keep failing, one when the error changes, one on recovery.">
          <Select
            id="failure-alert-threshold"
            value={connector.failureAlertThreshold}
            disabled={pending}
            onChange={(e) => run(() => actions.setFailureAlertThreshold({ connectorId: id, threshold: Number(e.target.value) }))}
          >
            {failureAlertThresholdOptions.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? "After 1 failed sync" : `After ${n} failed syncs in a row`}
              </option>
            ))}
          </Select>
        </Field>
        {!connector.identityProvider && (
          <Field id="match-attribute" label="Match accounts to people by" help="Accounts are matched to the identity provider's people after each sync; links set by hand are kept.">
            <Select
              id="match-attribute"
              value={connector.matchAttribute}
              disabled={pending}
              onChange={(e) => run(() => actions.setMatchAttribute({ connectorId: id, attribute: e.target.value as MatchAttribute }))}
            >
              {Object.entries(matchAttributeLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800">Provisioning</p>
          <p className="text-sm text-slate-500" data-testid="provisioning-state">
            {connector.provisioningEnabled ? "On: Gatekeeper grants and revokes access through this connector." : "Off: this connector only syncs."}
          </p>
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => actions.setProvisioning({ connectorId: id, enabled: !connector.provisioningEnabled }))}>
            {connector.provisioningEnabled ? "Disable provisioning" : "Enable provisioning"}
          </Button>
        </div>
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => actions.setDisabled({ connectorId: id, disabled: !connector.disabled }))}>
            {connector.disabled ? "Enable connector" : "Disable connector"}
          </Button>
          <DeleteConnectorButton connectorId={id} name={connector.displayName} appName={connector.appName} deleteConnector={actions.deleteConnector} />
        </div>
      </CardBody>
    </Card>
  );
}
