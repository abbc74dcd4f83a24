import type { Capability } from "@/lib/validation/connectors";

function Mark({ on, what }: { on: boolean; what: string }) {
  return on ? (
    <span className="inline-flex items-center text-emerald-600">
      <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
        <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="sr-only">{what}: yes</span>
    </span>
  ) : (
    <span className="text-slate-300">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{what}: no</span>
    </span>
  );
}

/** The seeds' "Capabilities" table: resource × Sync / Provision. */
export function CapabilitiesTable({ capabilities, note }: { capabilities: Capability[]; note?: string }) {
  return (
    <div>
      <table className="w-full text-sm">
        <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Capabilities</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="py-1.5 font-medium">Resource</th>
            <th scope="col" className="w-20 py-1.5 text-center font-medium">Sync</th>
            <th scope="col" className="w-20 py-1.5 text-center font-medium">Provision</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {capabilities.map((c) => (
            <tr key={c.resource}>
              <th scope="row" className="py-1.5 text-left font-normal text-slate-800">{c.resource}</th>
              <td className="py-1.5 text-center"><Mark on={c.sync} what="Sync" /></td>
              <td className="py-1.5 text-center"><Mark on={c.provision} what="Provision" /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="mt-2 text-xs text-slate-500"><span className="font-medium text-slate-600">Note:</span> {note}</p>}
    </div>
  );
}
