import { Badge } from "@/components/ui/badge";
import { DescriptionList } from "@/components/ui/description-list";
import type { GroupRole } from "@/lib/validation/sso";
import { roleLabels, type RoleName } from "@/lib/validation/users";

export type SsoSummaryProps = {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretHint: string;
  allowSignUp: boolean;
  defaultRole: RoleName;
  groupsClaim: string | null;
  groupRoles: GroupRole[];
  requireSso: boolean;
  breakGlassEmails: string[];
};

/** The settings as the environment sets them: read-only (change them where they are set). */
export function SsoSummary(s: SsoSummaryProps) {
  return (
    <DescriptionList
      items={[
        { label: "Display name", value: s.displayName },
        { label: "Issuer URL", value: s.issuer },
        { label: "Client ID", value: s.clientId },
        { label: "Client secret", value: <span data-testid="sso-secret-hint">{s.clientSecretHint}</span> },
        { label: "New people", value: s.allowSignUp ? `Created at first sign-in as ${roleLabels[s.defaultRole]}` : "Refused unless already a user" },
        { label: "Groups claim", value: s.groupsClaim ?? "—" },
        { label: "Group → role", value: s.groupRoles.length ? s.groupRoles.map((g) => `${g.group} → ${roleLabels[g.role]}`).join(", ") : "—" },
        { label: "Require SSO", value: s.requireSso ? <Badge tone="amber">Required</Badge> : "No" },
        { label: "Break-glass Super Administrators", value: s.breakGlassEmails.join(", ") || "—" },
      ]}
    />
  );
}
