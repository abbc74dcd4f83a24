import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "No access" };

export default function ForbiddenPage() {
  return (
    <Card>
      <EmptyState
        title="You do not have access to this page"
        description="Your role does not allow it. Ask a Super Administrator if you need access."
        action={<ButtonLink href="/" variant="secondary">Back to overview</ButtonLink>}
      />
    </Card>
  );
}
