"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { addUserSchema } from "@/lib/validation/users";
import { RoleOptions } from "@/components/users/role-options";

type AddUser = (input: z.input<typeof addUserSchema>) => Promise<ActionResultLike<{ id: string }>>;

export function AddUserButton({ action }: { action: AddUser }) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const router = useRouter();
  const { form, onSubmit, pending, formError, setFormError } = useActionForm({
    schema: addUserSchema,
    action,
    defaultValues: { name: "", email: "", role: "USER" },
    onSuccess: () => {
      setNotice(`Invitation sent to ${form.getValues("email")}.`);
      setOpen(false);
      form.reset();
      router.refresh();
    },
  });
  const roleError = form.formState.errors.role?.message;
  return (
    <>
      {notice && (
        <Alert tone="success" className="py-2">
          {notice}
        </Alert>
      )}
      <Button
        onClick={() => {
          setNotice(null);
          setFormError(null);
          setOpen(true);
        }}
      >
        Add user
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Add user" description="They will receive an email with a link to set their password (valid for 72 hours).">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {formError && <Alert tone="error">{formError}</Alert>}
          <TextField form={form} name="name" label="Name" autoComplete="off" autoFocus />
          <TextField form={form} name="email" label="Email" type="email" autoComplete="off" />
          <Field id="field-role" label="Role" error={roleError}>
            <Select id="field-role" aria-describedby={describedBy("field-role", roleError)} {...form.register("role")}>
              <RoleOptions />
            </Select>
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Add user
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
