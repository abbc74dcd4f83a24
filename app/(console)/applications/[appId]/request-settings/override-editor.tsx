// One entitlement's override: the form starts from its override or the app's defaults; what
// can never be requested says why instead of offering the form.
import Link from "next/link";
import { ResetOverrideButton } from "@/components/requests/reset-override-button";
import { RequestSettingsForm } from "@/components/requests/settings-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { MultiSelectOption } from "@/components/ui/multi-select";
import type { ManagedApp } from "@/lib/data/applications";
import { overrideKey, requestabilityRefusal, type AppRequestSettings } from "@/lib/data/request-settings";
import { entitlementDisplayName, settingsValues } from "@/lib/requests/settings-view";
import { resetRequestSettingAction, saveRequestSettingsAction } from "./actions";

type Props = { app: ManagedApp; connectorId: string; entitlementId: string; settings: AppRequestSettings; users: MultiSelectOption[]; isAdmin: boolean; backHref: string };

export async function OverrideEditor({ app, connectorId, entitlementId, settings, users, isAdmin, backHref }: Props) {
  const [refusal, name] = await Promise.all([requestabilityRefusal(app.id, connectorId, entitlementId), entitlementDisplayName(connectorId, entitlementId)]);
  const override = settings.overrides.get(overrideKey(connectorId, entitlementId));
  return (
    <Card>
      <CardHeader
        title={name ?? entitlementId}
        description={override ? "This entitlement has its own setting." : "This entitlement uses the app's defaults. Saving here gives it its own setting."}
        actions={
          <Link href={backHref} className="text-sm font-medium text-brand-700 hover:underline">
            Back to all entitlements
          </Link>
        }
      />
      <CardBody>
        {refusal ? (
          <Alert tone="warning" title="This cannot be requested">
            <span data-testid="requestability-refusal">{refusal}</span>
          </Alert>
        ) : (
          <div className="space-y-4">
            <RequestSettingsForm initial={settingsValues(app.id, connectorId, entitlementId, override ?? settings.appDefault)} users={users} isAdmin={isAdmin} save={saveRequestSettingsAction} />
            {override && <ResetOverrideButton input={{ applicationId: app.id, connectorId, entitlementId }} reset={resetRequestSettingAction} />}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
