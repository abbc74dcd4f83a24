"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller } from "react-hook-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { MultiSelect } from "@/components/ui/multi-select";
import { ssoSettingsSchema, testSsoDiscoverySchema, type SsoSettingsInput } from "@/lib/validation/sso";
import { GroupRoleRows } from "./group-role-rows";
import { RoleOptions } from "@/components/users/role-options";

type Props = {
  defaults: SsoSettingsInput;
  /** The stored secret's masked hint; blank input keeps it. Null: nothing stored yet. */
  secretHint: string | null;
  superAdmins: { id: string; name: string; email: string }[];
  save: (input: SsoSettingsInput) => Promise<ActionResultLike<{ changed: string[] }>>;
  testDiscovery: (input: { issuer: string }) => Promise<ActionResultLike<{ issuer: string; authorizationEndpoint: string }>>;
};

export function SsoSettingsForm({ defaults, secretHint, superAdmins, save, testDiscovery }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const [discovery, setDiscovery] = useState<string | null>(null);
  const [testing, startTest] = useTransition();
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: ssoSettingsSchema,
    action: save,
    defaultValues: defaults,
    onSuccess: () => {
      setSaved(secretHint ? "Single sign-on settings saved." : "Single sign-on is set up: the sign-in page now offers it.");
      form.setValue("clientSecret", "");
      router.refresh();
    },
  });

  const runTest = () =>
    startTest(async () => {
      setDiscovery(null);
      form.clearErrors("issuer");
      const parsed = testSsoDiscoverySchema.safeParse({ issuer: form.getValues("issuer") });
      if (!parsed.success) {
        form.setError("issuer", { message: parsed.error.issues[0]?.message });
        return;
      }
      const result = await testDiscovery({ issuer: parsed.data.issuer });
      if (result.ok) setDiscovery(`Found an OpenID provider at ${result.data.issuer}. It signs people in at ${result.data.authorizationEndpoint}.`);
      else form.setError("issuer", { message: result.fieldErrors?.issuer?.[0] ?? result.message });
    });

  const requireSso = form.watch("requireSso");
  const secretHelp = secretHint ? `${secretHint} stored — leave blank to keep, or type a new secret to replace it.` : "Sealed when saved; never shown again.";
  const breakGlassError = form.formState.errors.breakGlassUserIds?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Single sign-on settings">
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && !formError && <Alert tone="success">{saved}</Alert>}
      <section className="grid gap-4 sm:grid-cols-2" aria-label="Identity provider">
        <TextField form={form} name="displayName" label="Display name" help={`The sign-in page says "Sign in with ${form.watch("displayName") || "…"}".`} />
        <TextField form={form} name="clientId" label="Client ID" autoComplete="off" spellCheck={false} />
        <div className="space-y-2 sm:col-span-2">
          <div className="flex items-end gap-2">
            <div className="flex-1">
              <TextField form={form} name="issuer" label="Issuer URL" placeholder="https://login.example.com" autoComplete="off" spellCheck={false} help="Discovery reads <issuer>/.well-known/openid-configuration." />
            </div>
            <Button variant="secondary" onClick={runTest} loading={testing} className={form.formState.errors.issuer ? "mb-6" : "mb-5"}>
              Test discovery
            </Button>
          </div>
          {discovery && <Alert tone="success">{discovery}</Alert>}
        </div>
        <div className="sm:col-span-2">
          <TextField form={form} name="clientSecret" label="Client secret" type="password" autoComplete="new-password" spellCheck={false} placeholder={secretHint ? "Leave blank to keep the stored secret" : undefined} help={secretHelp} />
        </div>
      </section>

      <section className="space-y-4 border-t border-slate-200 pt-5" aria-label="New people and roles">
        <Checkbox id="sso-allow-sign-up" label="Create an account at the first sign-in of an unknown email" description="Off: only people already in Admin > Users can sign in with SSO; others see a refusal." {...form.register("allowSignUp")} />
        <Field id="sso-default-role" label="Default role">
          <Select id="sso-default-role" className="max-w-xs" {...form.register("defaultRole")}>
            <RoleOptions />
          </Select>
        </Field>
        <TextField form={form} name="groupsClaim" label="Groups claim (optional)" placeholder="groups" autoComplete="off" spellCheck={false} help="The id_token claim that lists the person's groups." />
        <GroupRoleRows form={form} />
      </section>

      <section className="space-y-4 border-t border-slate-200 pt-5" aria-label="Require single sign-on">
        <Checkbox id="sso-require" label="Require SSO for everyone except these break-glass Super Administrators" description="Everyone else is refused password sign-in. The break-glass accounts keep it for when the identity provider is down." {...form.register("requireSso")} />
        <Field id="sso-break-glass" label={requireSso ? "Break-glass Super Administrators" : "Break-glass Super Administrators (used when SSO is required)"} error={breakGlassError}>
          <Controller
            control={form.control}
            name="breakGlassUserIds"
            render={({ field }) => (
              <MultiSelect
                id="sso-break-glass"
                options={superAdmins.map((u) => ({ value: u.id, label: u.name, description: u.email }))}
                value={field.value}
                onChange={field.onChange}
                placeholder="Type a Super Administrator's name"
                invalid={Boolean(breakGlassError)}
                describedBy={describedBy("sso-break-glass", breakGlassError)}
                selectedLabel="Chosen break-glass Super Administrators"
              />
            )}
          />
        </Field>
      </section>

      <div className="flex justify-end border-t border-slate-200 pt-5">
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
