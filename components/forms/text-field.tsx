"use client";
import type { InputHTMLAttributes, ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function TextField<T extends FieldValues, O extends FieldValues>({
  form,
  name,
  label,
  help,
  ...props
}: { form: UseFormReturn<T, unknown, O>; name: Path<T>; label: ReactNode; help?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name">) {
  const id = props.id ?? `field-${name}`;
  const error = form.formState.errors[name]?.message as string | undefined;
  return (
    <Field id={id} label={label} help={help} error={error}>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, help)} {...form.register(name)} {...props} />
    </Field>
  );
}
