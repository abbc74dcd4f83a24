import { Alert } from "@/components/ui/alert";
import { credentialExpiresSoon, describeCredentialExpiry } from "@/lib/validation/connector-options";
import { formatDateTime } from "./format";

/**
 * When the connector's credential expires: a warning within 14 days (when the owners are
 * emailed), an error once expired (syncs stop), a quiet line otherwise. Nothing when unknown.
 */
export function CredentialExpiryNote({ expiresAt, source, now = new Date() }: { expiresAt: Date | null; source: string | null; now?: Date }) {
  if (!expiresAt) return null;
  const words = describeCredentialExpiry(expiresAt, now);
  const from = source === "admin" ? "as entered when the settings were saved" : "as the upstream reports it";
  if (expiresAt.getTime() <= now.getTime()) {
    return (
      <Alert tone="error" title={words} className="mb-6">
        It expired {formatDateTime(expiresAt)} ({from}), so syncs stop. Create a new one, then find Settings, click Edit, enter it and click Save.
      </Alert>
    );
  }
  if (credentialExpiresSoon(expiresAt, now)) {
    return (
      <Alert tone="warning" title={words} className="mb-6">
        On {formatDateTime(expiresAt)} ({from}). Create a new one before then, and enter it under Settings: Edit, then Save.
      </Alert>
    );
  }
  return (
    <p className="mb-6 text-sm text-slate-600" data-testid="credential-expiry">
      {words} ({formatDateTime(expiresAt)}, {from}).
    </p>
  );
}
