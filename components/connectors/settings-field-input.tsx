"use client";
import type { UseFormReturn } from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { SaveSettingsInput, SettingsField } from "@/lib/validation/connectors";

type SettingsForm = UseFormReturn<SaveSettingsInput, unknown, SaveSettingsInput>;

/**
 * One generated settings field. A secret input always starts empty: the stored value never
 * reaches the browser, only its masked hint, and leaving it blank keeps it.
 */
export function SettingsFieldInput({ form, field, storedHint, disabled }: { form: SettingsForm; field: SettingsField; storedHint?: string; disabled?: boolean }) {
  const id = `settings-${field.name}`;
  const name = `values.${field.name}` as const;
  const error = form.formState.errors.values?.[field.name]?.message;
  const help =
    storedHint || field.help ? (
      <>
        {storedHint && (
          <span className="block font-medium text-slate-600" data-testid={`stored-${field.name}`}>
            {storedHint} stored — leave blank to keep.
          </span>
        )}
        {field.help && <span className="block">{field.help}</span>}
      </>
    ) : undefined;
  const common = { id, disabled, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, help), "aria-required": field.required || undefined, ...form.register(name) };
  const label = field.required ? field.label : `${field.label} (optional)`;
  return (
    <Field id={id} label={label} help={help} error={error}>
      {field.kind === "select" && field.options ? (
        <Select {...common}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      ) : field.secret ? (
        // new-password: browsers must not offer the console sign-in password here.
        <Input {...common} type="password" autoComplete="new-password" spellCheck={false} placeholder={storedHint ? "Leave blank to keep the stored value" : field.placeholder} />
      ) : (
        <Input {...common} type={field.kind === "email" ? "email" : "text"} autoComplete="off" spellCheck={false} placeholder={field.placeholder} />
      )}
    </Field>
  );
}
