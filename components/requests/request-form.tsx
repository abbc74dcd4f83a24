"use client";
// The request form: how long (up to the policy's maximum) and why. The server checks it all again.
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { createRequestSchema, durationOptions, formatHours } from "@/lib/validation/requests";

type Props = {
  connectorId: string;
  entitlementId: string;
  maxDurationHours: number;
  defaultDurationHours: number;
  allowPermanent: boolean;
  justificationRequired: boolean;
  submit: (input: z.input<typeof createRequestSchema>) => Promise<ActionResultLike<{ id: string }>>;
};

export function RequestForm(props: Props) {
  const router = useRouter();
  const options = durationOptions.filter((h) => h <= props.maxDurationHours);
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: createRequestSchema,
    action: props.submit,
    defaultValues: { connectorId: props.connectorId, entitlementId: props.entitlementId, durationHours: props.defaultDurationHours, justification: "" },
    onSuccess: (data) => router.push(`/requests/${data.id}`),
  });
  const durationError = form.formState.errors.durationHours?.message;
  const justificationError = form.formState.errors.justification?.message;
  const help = props.justificationRequired ? "Required. Approvers read it." : "Optional. Approvers read it.";
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="request-duration" label="Duration" help={`At most ${formatHours(props.maxDurationHours)}.`} error={durationError}>
        <Select id="request-duration" aria-invalid={durationError ? true : undefined} aria-describedby={describedBy("request-duration", durationError, "help")} {...form.register("durationHours")}>
          {options.map((hours) => (
            <option key={hours} value={hours}>
              {formatHours(hours)}
            </option>
          ))}
          {!options.includes(props.maxDurationHours as (typeof durationOptions)[number]) && <option value={props.maxDurationHours}>{formatHours(props.maxDurationHours)}</option>}
          {props.allowPermanent && <option value={0}>Permanent</option>}
        </Select>
      </Field>
      <Field id="request-justification" label="Justification" help={help} error={justificationError}>
        <Textarea id="request-justification" rows={4} aria-invalid={justificationError ? true : undefined} aria-describedby={describedBy("request-justification", justificationError, help)} {...form.register("justification")} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="submit" loading={pending}>
          Request
        </Button>
      </div>
    </form>
  );
}
