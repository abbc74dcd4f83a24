import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function ApplicationNotFound() {
  return (
    <Card>
      <EmptyState
        title="Not in the latest sync"
        description="This app, entitlement or account does not exist, or the connector's latest sync no longer has it."
        action={<ButtonLink href="/applications" variant="secondary">Back to Applications</ButtonLink>}
      />
    </Card>
  );
}
