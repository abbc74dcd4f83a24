"use client";
import { describedBy, Field } from "@/components/ui/field";
import { MultiSelect } from "@/components/ui/multi-select";

export type OwnerOption = { id: string; name: string; email: string };

/** "Set the owner for this connector": yourself by default, or others; several allowed. */
export function OwnerPicker({ users, value, onChange, currentUserId, error, disabled }: { users: OwnerOption[]; value: string[]; onChange: (ids: string[]) => void; currentUserId: string; error?: string; disabled?: boolean }) {
  const help = "If you choose someone else, they get an email saying their help is needed to complete the set-up.";
  return (
    <Field id="field-owners" label="Owners" help={help} error={error}>
      <MultiSelect
        id="field-owners"
        selectedLabel="Chosen owners"
        options={users.map((u) => ({ value: u.id, label: u.id === currentUserId ? `${u.name} (you)` : u.name, description: u.email }))}
        value={value}
        onChange={onChange}
        placeholder="Search users by name or email"
        invalid={Boolean(error)}
        describedBy={describedBy("field-owners", error, help)}
        disabled={disabled}
      />
    </Field>
  );
}
