"use client";
// New campaign: name, scope (apps, entitlements, accounts), reviewers, due date and what closing does.
import { useRouter } from "next/navigation";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { MultiSelect } from "@/components/ui/multi-select";
import { RadioCard } from "@/components/ui/radio-card";
import { accountFilterLabels, accountFilters, campaignFormSchema, reviewerPolicies, reviewerPolicyLabels } from "@/lib/validation/reviews";

type Option = { id: string; name: string; email?: string };
type Create = (input: z.input<typeof campaignFormSchema>) => Promise<ActionResultLike<{ id: string }>>;

export function CampaignForm({ apps, users, action, defaultDueDate }: { apps: Option[]; users: Option[]; action: Create; defaultDueDate: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: campaignFormSchema,
    action,
    defaultValues: { name: "", description: "", appIds: [], privilegedOnly: false, entitlementSearch: "", accounts: "all", department: "", reviewerPolicy: "owners", namedReviewerIds: [], fallbackReviewerId: "", dueDate: defaultDueDate, reminderDays: 3, defaultDecision: "keep", remediateImmediately: false },
    onSuccess: (data) => router.push(`/admin/access-reviews/${data.id}`),
  });
  const errors = form.formState.errors;
  const accounts = form.watch("accounts");
  const policy = form.watch("reviewerPolicy");
  const userOptions = users.map((u) => ({ value: u.id, label: u.name, description: u.email }));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="New campaign">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Card>
        <CardHeader title="Campaign" />
        <CardBody className="space-y-4">
          <TextField form={form} name="name" label="Name" autoComplete="off" placeholder="Q4 2026 access review" />
          <Field id="field-description" label="Description (optional)" error={errors.description?.message}>
            <Textarea id="field-description" rows={2} {...form.register("description")} />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Scope" description="Launching freezes one review item per account grant in scope at that moment." />
        <CardBody className="space-y-4">
          <Controller
            control={form.control}
            name="appIds"
            render={({ field, fieldState }) => (
              <Field id="field-apps" label="Managed apps" error={fieldState.error?.message}>
                <MultiSelect id="field-apps" selectedLabel="Chosen apps" options={apps.map((a) => ({ value: a.id, label: a.name }))} value={field.value ?? []} onChange={field.onChange} placeholder="Search managed apps" invalid={Boolean(fieldState.error)} describedBy={describedBy("field-apps", fieldState.error?.message)} />
              </Field>
            )}
          />
          <Checkbox id="field-privileged" label="Only privileged entitlements" description="Owner, Administrator, Super Administrator and the like." {...form.register("privilegedOnly")} />
          <TextField form={form} name="entitlementSearch" label="Only entitlements named like (optional)" autoComplete="off" />
          <Field id="field-accounts" label="Accounts" error={errors.accounts?.message}>
            <Select id="field-accounts" {...form.register("accounts")}>
              {accountFilters.map((value) => (
                <option key={value} value={value}>
                  {accountFilterLabels[value]}
                </option>
              ))}
            </Select>
          </Field>
          {accounts === "department" && <TextField form={form} name="department" label="Department" autoComplete="off" />}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Reviewers" description="Nobody reviews their own access: such an item goes to the fallback reviewer, as does any item the policy finds nobody for." />
        <CardBody className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="sr-only">Who reviews</legend>
            {reviewerPolicies.map((value) => (
              <RadioCard key={value} value={value} label={reviewerPolicyLabels[value]} {...form.register("reviewerPolicy")} />
            ))}
          </fieldset>
          {policy === "named" && (
            <Controller
              control={form.control}
              name="namedReviewerIds"
              render={({ field, fieldState }) => (
                <Field id="field-named" label="Named reviewers" error={fieldState.error?.message}>
                  <MultiSelect id="field-named" selectedLabel="Chosen reviewers" options={userOptions} value={field.value ?? []} onChange={field.onChange} placeholder="Search users" invalid={Boolean(fieldState.error)} describedBy={describedBy("field-named", fieldState.error?.message)} />
                </Field>
              )}
            />
          )}
          <Field id="field-fallback" label="Fallback reviewer" error={errors.fallbackReviewerId?.message}>
            <Select id="field-fallback" aria-invalid={errors.fallbackReviewerId ? true : undefined} aria-describedby={describedBy("field-fallback", errors.fallbackReviewerId?.message)} {...form.register("fallbackReviewerId")}>
              <option value="">Choose a user</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </Select>
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Schedule and close" />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="dueDate" label="Due date" type="date" />
          <TextField form={form} name="reminderDays" label="Remind reviewers this many days before" type="number" min={0} max={30} />
          <Field id="field-default" label="Undecided items at close" error={errors.defaultDecision?.message}>
            <Select id="field-default" {...form.register("defaultDecision")}>
              <option value="keep">Keep (certify)</option>
              <option value="revoke">Revoke</option>
            </Select>
          </Field>
          <div className="pt-6">
            <Checkbox id="field-immediate" label="Revoke at once" description="Send each revoke when it is decided instead of when the campaign closes." {...form.register("remediateImmediately")} />
          </div>
        </CardBody>
      </Card>
      <div className="flex justify-end gap-2">
        <ButtonLink href="/admin/access-reviews" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
