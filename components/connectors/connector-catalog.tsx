"use client";
import { useState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import type { Capability } from "@/lib/validation/connectors";
import { CapabilitiesTable } from "./capabilities-table";

export type CatalogEntry = { id: string; name: string; description: string; capabilities: Capability[]; capabilityNote?: string };

export function ConnectorCatalog({ entries }: { entries: CatalogEntry[] }) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = entries.filter((e) => !q || `${e.name} ${e.description}`.toLowerCase().includes(q));
  return (
    <div className="space-y-5">
      <div className="max-w-md">
        <label htmlFor="catalog-search" className="sr-only">
          Search connectors
        </label>
        <Input id="catalog-search" type="search" placeholder="Search connectors" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </div>
      <p className="sr-only" role="status">
        {shown.length} connector{shown.length === 1 ? "" : "s"} shown
      </p>
      {shown.length === 0 ? (
        <Card>
          <EmptyState title="No connector matches" description={`Nothing in the catalog matches “${query.trim()}”.`} />
        </Card>
      ) : (
        <div className="grid gap-5 lg:grid-cols-2">
          {shown.map((entry) => (
            <Card key={entry.id} className="flex flex-col p-5">
              <article aria-labelledby={`catalog-${entry.id}`} className="flex flex-1 flex-col">
                <div className="flex items-start justify-between gap-4">
                  <h2 id={`catalog-${entry.id}`} className="text-base font-semibold text-slate-900">
                    {entry.name}
                  </h2>
                  <ButtonLink href={`/admin/connectors/new/${entry.id}`} size="sm">
                    Add
                  </ButtonLink>
                </div>
                <p className="mt-2 text-sm text-slate-600">{entry.description}</p>
                <div className="mt-4 flex-1">
                  <CapabilitiesTable capabilities={entry.capabilities} note={entry.capabilityNote} />
                </div>
              </article>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
