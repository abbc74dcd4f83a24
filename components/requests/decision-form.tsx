"use client";
// Approve or deny, with a comment: for the approvers of the waiting step, on the request's page.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

type Decide = (input: { requestId: string; step: number; decision: "approve" | "deny"; comment: string }) => Promise<ActionResultLike<{ state: string }>>;

export function DecisionForm({ requestId, step, decide }: { requestId: string; step: number; decide: Decide }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useState<"approve" | "deny" | null>(null);
  const run = (decision: "approve" | "deny") =>
    startTransition(async () => {
      setError(null);
      setChoice(decision);
      const result = await decide({ requestId, step, decision, comment });
      if (!result.ok) return setError(result.message);
      router.refresh();
    });
  return (
    <div className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="decision-comment" label="Comment" help="Optional. The requester sees it.">
        <Textarea id="decision-comment" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="decision-comment-help" />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => run("deny")} loading={pending && choice === "deny"} disabled={pending}>
          Deny
        </Button>
        <Button onClick={() => run("approve")} loading={pending && choice === "approve"} disabled={pending}>
          Approve
        </Button>
      </div>
    </div>
  );
}
