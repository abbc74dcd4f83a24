"use client";
import { useMemo } from "react";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RadioCard } from "@/components/ui/radio-card";
import { settingsFormSchema, visibleSettingsFields, type PublicSettings, type SaveSettingsInput, type SettingsFormSpec } from "@/lib/validation/connectors";
import { SettingsFieldInput } from "./settings-field-input";

export type SaveSettings = (input: SaveSettingsInput) => Promise<ActionResultLike<{ syncing: boolean }>>;

/** Form defaults: stored plain values, the adapter's defaults, and empty secrets (always). */
function defaultValues(spec: SettingsFormSpec, stored: PublicSettings | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of spec.fields) values[field.name] = field.secret ? "" : (stored?.values[field.name] ?? field.defaultValue ?? "");
  if (spec.alternativeField && spec.alternatives?.length && !spec.alternatives.some((a) => a.id === values[spec.alternativeField!])) {
    values[spec.alternativeField] = spec.alternatives[0].id;
  }
  return values;
}

/** The Edit form, generated from the adapter's settings metadata: no connector has its own form. */
export function SettingsForm({ connectorId, spec, stored, save, onSaved, onCancel }: { connectorId: string; spec: SettingsFormSpec; stored: PublicSettings | null; save: SaveSettings; onSaved: (result: { syncing: boolean }) => void; onCancel: () => void }) {
  const storedSecrets = useMemo(() => Object.keys(stored?.secrets ?? {}), [stored]);
  const schema = useMemo(() => settingsFormSchema(spec, storedSecrets), [spec, storedSecrets]);
  const { form, onSubmit, pending, formError } = useActionForm({
    schema,
    action: save,
    defaultValues: { connectorId, values: defaultValues(spec, stored), ...(spec.credentialExpiry ? { credentialExpiresOn: spec.credentialExpiry.storedOn } : {}) },
    onSuccess: onSaved,
  });
  const alternative = spec.alternativeField ? form.watch(`values.${spec.alternativeField}`) : undefined;
  const fields = visibleSettingsFields(spec, alternative);
  const altError = spec.alternativeField ? form.formState.errors.values?.[spec.alternativeField]?.message : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Connector settings">
      {formError && <Alert tone="error">{formError}</Alert>}
      {spec.alternativeField && spec.alternatives?.length ? (
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium text-slate-800">Choose how to authenticate</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {spec.alternatives.map((alt) => (
              <RadioCard key={alt.id} value={alt.id} label={alt.label} disabled={pending} {...form.register(`values.${spec.alternativeField!}`)} />
            ))}
          </div>
          {altError && <p className="text-xs font-medium text-red-600">{altError}</p>}
        </fieldset>
      ) : null}
      {fields.map((field) => (
        <SettingsFieldInput key={field.name} form={form} field={field} storedHint={field.secret ? stored?.secrets[field.name] : undefined} disabled={pending} />
      ))}
      {spec.credentialExpiry && (
        <TextField
          form={form}
          name="credentialExpiresOn"
          type="date"
          label="Credential expires on (optional)"
          help="The upstream does not say when this credential expires. Enter it and the owners are warned 14 and 3 days before."
          disabled={pending}
        />
      )}
      <div className="flex items-center justify-end gap-2 pt-1">
        {pending && <span className="mr-auto text-sm text-slate-500" role="status">Checking the credentials with the upstream…</span>}
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
