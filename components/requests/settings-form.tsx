"use client";
// The request settings of an app, or one entitlement's override: requestable, who approves
// (one or two steps), how long, whether a justification is needed. "Low risk" (which allows
// "No approval") is an administrator's choice; owners see it but cannot change it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { MultiSelect, type MultiSelectOption } from "@/components/ui/multi-select";
import { approverLabels, durationOptions, formatHours, requestSettingsSchema } from "@/lib/validation/requests";

type Values = z.input<typeof requestSettingsSchema>;

type Props = {
  initial: Values;
  users: MultiSelectOption[];
  isAdmin: boolean;
  save: (input: Values) => Promise<ActionResultLike<{ saved: boolean }>>;
};

export function RequestSettingsForm({ initial, users, isAdmin, save }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: requestSettingsSchema,
    action: save,
    defaultValues: initial,
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  const first = form.watch("firstApprover");
  const second = form.watch("secondApprover");
  const lowRisk = form.watch("lowRisk");
  const select = (name: "firstApprover" | "secondApprover" | "maxDurationHours" | "defaultDurationHours", label: string, options: { value: string | number; label: string }[], help?: string) => {
    const id = `settings-${name}`;
    const error = errors[name]?.message;
    return (
      <Field id={id} label={label} help={help} error={error}>
        <Select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, help)} {...form.register(name)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
    );
  };
  const people = (name: "firstApproverIds" | "secondApproverIds", label: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Field id={`settings-${name}`} label={label} error={fieldState.error?.message}>
          <MultiSelect id={`settings-${name}`} options={users} value={field.value ?? []} onChange={field.onChange} placeholder="Search users" invalid={Boolean(fieldState.error)} selectedLabel="Approvers" />
        </Field>
      )}
    />
  );
  const approverOptions = (["APP_OWNERS", "MANAGER", "USERS"] as const).map((k) => ({ value: k, label: approverLabels[k] }));
  const durations = durationOptions.map((h) => ({ value: h, label: formatHours(h) }));
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate onChange={() => setSaved(false)}>
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && !formError && <Alert tone="success">Saved.</Alert>}
      <Checkbox id="settings-requestable" label="Requestable" description="People can ask for it from Request access." {...form.register("requestable")} />
      {errors.requestable?.message && <p className="text-xs font-medium text-red-600">{errors.requestable.message}</p>}
      <Checkbox
        id="settings-lowRisk"
        label="Low risk"
        description={isAdmin ? "Allows “No approval”. Administrators only." : "Only an administrator can change this."}
        disabled={!isAdmin}
        {...form.register("lowRisk")}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        {select("firstApprover", "First approval", lowRisk ? [...approverOptions, { value: "NONE", label: approverLabels.NONE }] : approverOptions)}
        {select("secondApprover", "Second approval", [{ value: "", label: "None (one step)" }, ...approverOptions])}
        {first === "USERS" && people("firstApproverIds", "First approvers")}
        {second === "USERS" && people("secondApproverIds", "Second approvers")}
        {select("maxDurationHours", "Maximum duration", durations)}
        {select("defaultDurationHours", "Default duration", durations)}
      </div>
      <Checkbox id="settings-allowPermanent" label="Allow permanent access" description="Otherwise every grant ends and is revoked at its end time." {...form.register("allowPermanent")} />
      <Checkbox id="settings-justificationRequired" label="Justification required" {...form.register("justificationRequired")} />
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
