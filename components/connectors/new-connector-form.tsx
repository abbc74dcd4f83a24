"use client";
import { useRouter } from "next/navigation";
import { Controller } from "react-hook-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RadioCard } from "@/components/ui/radio-card";
import { createConnectorSchema, type AppChoice, type CreateConnectorInput } from "@/lib/validation/connectors";
import { AppPicker, type PickerApp } from "./app-picker";
import { OwnerPicker, type OwnerOption } from "./owner-picker";

type Props = {
  catalog: { id: string; name: string };
  apps: { unmanaged: PickerApp[]; managed: PickerApp[] };
  users: OwnerOption[];
  currentUserId: string;
  action: (input: CreateConnectorInput) => Promise<ActionResultLike<{ id: string }>>;
};

export function NewConnectorForm({ catalog, apps, users, currentUserId, action }: Props) {
  const router = useRouter();
  const initialChoice: AppChoice = apps.unmanaged.length ? "unmanaged" : apps.managed.length ? "managed" : "new";
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: createConnectorSchema,
    action,
    defaultValues: { catalogId: catalog.id, appChoice: initialChoice, unmanagedAppId: "", managedAppId: "", newAppName: "", newAppDescription: "", ownerIds: [currentUserId] },
    onSuccess: ({ id }) => router.push(`/admin/connectors/${id}`),
  });
  const choice = form.watch("appChoice");
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Card>
        <CardHeader title="App" description={`Choose how to set up the new ${catalog.name} connector.`} />
        <CardBody>
          <fieldset className="space-y-3">
            <legend className="sr-only">Choose how to set up the new {catalog.name} connector</legend>
            <RadioCard
              value="unmanaged"
              {...form.register("appChoice")}
              label="Add the connector to a currently unmanaged app"
              description="Apps your identity provider knows about that no connector manages yet. The app becomes managed."
            >
              {choice === "unmanaged" && (
                <div>
                  <AppPicker apps={apps.unmanaged} legend="Unmanaged apps" registration={form.register("unmanagedAppId")} error={errors.unmanagedAppId?.message} empty="No unmanaged apps have been discovered." />
                </div>
              )}
            </RadioCard>
            <RadioCard value="managed" {...form.register("appChoice")} label="Add the connector to a managed app" description="Select from the list of existing managed apps.">
              {choice === "managed" && (
                <div>
                  <AppPicker apps={apps.managed} legend="Managed apps" registration={form.register("managedAppId")} error={errors.managedAppId?.message} empty="There are no managed apps yet. Create one instead." />
                </div>
              )}
            </RadioCard>
            <RadioCard value="new" {...form.register("appChoice")} label="Create a new managed app" description="Name the app this connector pulls access data into.">
              {choice === "new" && (
                <div className="grid gap-4 sm:grid-cols-2">
                  <TextField form={form} name="newAppName" label="App name" placeholder={catalog.name} autoComplete="off" />
                  <TextField form={form} name="newAppDescription" label="Description (optional)" autoComplete="off" />
                </div>
              )}
            </RadioCard>
          </fieldset>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Set the owner for this connector" description="You can manage the connector yourself, or choose someone else from the list of users. Setting multiple owners is allowed." />
        <CardBody>
          <Controller
            control={form.control}
            name="ownerIds"
            render={({ field, fieldState }) => (
              <OwnerPicker users={users} value={field.value ?? []} onChange={field.onChange} currentUserId={currentUserId} error={fieldState.error?.message} disabled={pending} />
            )}
          />
        </CardBody>
      </Card>
      <div className="flex justify-end gap-2">
        <ButtonLink href="/admin/connectors/new" variant="secondary">
          Back
        </ButtonLink>
        <Button type="submit" loading={pending}>
          Next
        </Button>
      </div>
    </form>
  );
}
