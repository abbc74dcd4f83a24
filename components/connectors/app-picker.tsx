"use client";
import { useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Input } from "@/components/ui/input";

export type PickerApp = { id: string; name: string; description: string; discoveredFrom: string | null; discoveredAccounts: number | null };

const SEARCH_FROM = 6;

/** A radio list of apps, with a filter box once the list is long. */
export function AppPicker({ apps, legend, registration, error, empty }: { apps: PickerApp[]; legend: string; registration: UseFormRegisterReturn; error?: string; empty: string }) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = apps.filter((a) => !q || a.name.toLowerCase().includes(q));
  const errorId = `${registration.name}-error`;
  if (apps.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="sr-only">{legend}</legend>
      {apps.length >= SEARCH_FROM && (
        <Input type="search" aria-label={`Search ${legend.toLowerCase()}`} placeholder="Search apps" value={query} onChange={(e) => setQuery(e.target.value)} className="max-w-sm" />
      )}
      <div className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
        {shown.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No app matches.</p>}
        {shown.map((app) => (
          <label key={app.id} className="flex cursor-pointer items-start gap-3 bg-white px-3 py-2.5 hover:bg-slate-50 has-checked:bg-brand-50/60">
            <input type="radio" value={app.id} className="mt-1 size-4 accent-brand-600" {...registration} />
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-900">{app.name}</span>
              <span className="block text-xs text-slate-500">
                {app.discoveredFrom
                  ? `Discovered from ${app.discoveredFrom}${app.discoveredAccounts != null ? ` · ${app.discoveredAccounts.toLocaleString("en-US")} ${app.discoveredAccounts === 1 ? "person" : "people"} assigned` : ""}`
                  : app.description || "Managed app"}
              </span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
