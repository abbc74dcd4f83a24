import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

type Values = { actor?: string; connector?: string; kind?: string; from?: string; to?: string };

/** A plain GET form: filters live in the URL, so a view can be shared and exported as is. */
export function AuditFilters({ values, kinds }: { values: Values; kinds: string[] }) {
  return (
    <form method="get" className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-6">
      <Field id="f-actor" label="Actor">
        <Input id="f-actor" name="actor" defaultValue={values.actor} placeholder="email contains…" />
      </Field>
      <Field id="f-kind" label="Kind">
        <Select id="f-kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">Any kind</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="f-connector" label="Connector ID">
        <Input id="f-connector" name="connector" defaultValue={values.connector} />
      </Field>
      <Field id="f-from" label="From">
        <Input id="f-from" name="from" type="date" defaultValue={values.from} />
      </Field>
      <Field id="f-to" label="To">
        <Input id="f-to" name="to" type="date" defaultValue={values.to} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        <ButtonLink href="/admin/audit-log" variant="ghost">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
