"use client";
// Ask for more time while access is active: a new request, approved like the first.
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { durationOptions, extendRequestSchema, formatHours } from "@/lib/validation/requests";

export function ExtendForm({ requestId, maxDurationHours, extend }: { requestId: string; maxDurationHours: number; extend: (input: z.input<typeof extendRequestSchema>) => Promise<ActionResultLike<{ id: string }>> }) {
  const router = useRouter();
  const options = durationOptions.filter((h) => h <= maxDurationHours);
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: extendRequestSchema,
    action: extend,
    defaultValues: { requestId, durationHours: options[0] ?? 1, justification: "" },
    onSuccess: (data) => router.push(`/requests/${data.id}`),
  });
  const error = form.formState.errors.durationHours?.message ?? form.formState.errors.justification?.message;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="extend-duration" label="More time" error={form.formState.errors.durationHours?.message}>
        <Select id="extend-duration" aria-describedby={describedBy("extend-duration", error)} {...form.register("durationHours")}>
          {options.map((hours) => (
            <option key={hours} value={hours}>
              {formatHours(hours)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="extend-justification" label="Justification" error={form.formState.errors.justification?.message}>
        <Textarea id="extend-justification" rows={2} {...form.register("justification")} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" loading={pending}>
          Ask for an extension
        </Button>
      </div>
    </form>
  );
}
