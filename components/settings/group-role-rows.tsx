"use client";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { SsoSettingsInput, SsoSettingsValues } from "@/lib/validation/sso";
import { RoleOptions } from "@/components/users/role-options";

/** Group → role rows: the highest role among a person's mapped groups wins. */
export function GroupRoleRows({ form, disabled }: { form: UseFormReturn<SsoSettingsInput, unknown, SsoSettingsValues>; disabled?: boolean }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "groupRoles" });
  const errors = form.formState.errors.groupRoles;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Group → role mapping (optional)</legend>
      <p className="text-xs text-slate-500">Recomputed at every SSO sign-in; a person in none of the groups gets the default role.</p>
      {fields.length === 0 && <p className="text-sm text-slate-500">No groups mapped: roles are set in Admin &gt; Users.</p>}
      <ul className="space-y-2">
        {fields.map((field, index) => (
          <li key={field.id} className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor={`group-${index}`} className="sr-only">{`Group ${index + 1}`}</label>
              <Input id={`group-${index}`} placeholder="gatekeeper-super-admins" disabled={disabled} aria-invalid={errors?.[index]?.group ? true : undefined} {...form.register(`groupRoles.${index}.group`)} />
              {errors?.[index]?.group && <p className="mt-1 text-xs font-medium text-red-600">{errors[index]?.group?.message}</p>}
            </div>
            <div className="w-60 shrink-0">
              <label htmlFor={`group-role-${index}`} className="sr-only">{`Role for group ${index + 1}`}</label>
              <Select id={`group-role-${index}`} disabled={disabled} {...form.register(`groupRoles.${index}.role`)}>
                <RoleOptions />
              </Select>
            </div>
            <Button variant="secondary" onClick={() => remove(index)} disabled={disabled} aria-label={`Remove group ${index + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {errors?.message && <p className="text-xs font-medium text-red-600">{errors.message}</p>}
      {errors?.root?.message && <p className="text-xs font-medium text-red-600">{errors.root.message}</p>}
      <Button variant="secondary" size="sm" onClick={() => append({ group: "", role: "USER" })} disabled={disabled}>
        Add mapping
      </Button>
    </fieldset>
  );
}
