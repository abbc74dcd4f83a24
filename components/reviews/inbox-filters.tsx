// The inbox's filters: a plain GET form, so the filtered view is a link like any other.
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";

export function InboxFilters({ campaignId, apps, values }: { campaignId: string; apps: { id: string; name: string }[]; values: { app?: string; flag?: string; q?: string } }) {
  return (
    <form method="get" action="/reviews" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3" aria-label="Filter items">
      <input type="hidden" name="campaign" value={campaignId} />
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">App</span>
        <Select name="app" defaultValue={values.app ?? ""} aria-label="App">
          <option value="">Every app</option>
          {apps.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Show</span>
        <Select name="flag" defaultValue={values.flag ?? ""} aria-label="Show">
          <option value="">Every item</option>
          <option value="undecided">Undecided</option>
          <option value="privileged">Privileged</option>
          <option value="orphaned">Orphaned</option>
          <option value="unmatched">Unmatched accounts</option>
        </Select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Search</span>
        <Input type="search" name="q" defaultValue={values.q ?? ""} placeholder="Name, email or entitlement" aria-label="Search items" />
      </label>
      <Button type="submit" variant="secondary">Filter</Button>
    </form>
  );
}
