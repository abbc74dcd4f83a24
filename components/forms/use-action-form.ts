"use client";
// react-hook-form + the action's own zod schema: the browser and the server agree on every
// rule, and the server's field errors land on the same fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";

export type ActionResultLike<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[] | undefined> };

export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(options: {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResultLike<T>>;
  defaultValues?: DefaultValues<z.input<S>>;
  onSuccess?: (data: T) => void | Promise<void>;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(options.schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: options.defaultValues,
    mode: "onTouched",
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await options.action(values as z.input<S>);
      if (result.ok) {
        await options.onSuccess?.(result.data);
        return;
      }
      setFormError(result.message);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(field as Path<z.input<S>>, { type: "server", message: messages[0] });
      }
    });
  });

  return { form, onSubmit, pending, formError, setFormError };
}
