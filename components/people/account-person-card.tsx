"use client";
// The person an account belongs to, on the account page, and (for admins) linking it by hand:
// a search-as-you-type person picker (a keyboard-usable combobox), "Belongs to nobody", and
// "Match automatically" to hand a manual link back to the matching rule.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PersonStatusBadge } from "./person-status-badge";

type Result<T> = { ok: true; data: T } | { ok: false; message: string };
type PersonHit = { id: string; name: string; email: string | null; status: string };
type Address = { connectorId: string; resourceTypeId: string; externalId: string };

export type AccountPersonLink = { personId: string | null; personName: string | null; personEmail: string | null; personStatus: string | null; method: string; manual: boolean } | null;

const methodText: Record<string, string> = { email: "matched by email", username: "matched by username", externalId: "matched by external ID", manual: "linked by hand" };

export function AccountPersonCard(props: {
  account: Address;
  link: AccountPersonLink;
  canEdit: boolean;
  actions: {
    search: (input: { q: string }) => Promise<Result<PersonHit[]>>;
    link: (input: Address & { personId: string | null }) => Promise<Result<{ linked: boolean }>>;
    reset: (input: Address) => Promise<Result<{ reset: boolean }>>;
  };
}) {
  const { account, link, canEdit, actions } = props;
  const router = useRouter();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const listId = useId();

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) return;
    // Debounced: one request per pause in typing, the latest answer wins.
    let stale = false;
    const timer = setTimeout(async () => {
      const result = await actions.search({ q: term });
      if (stale) return;
      if (result.ok) {
        setHits(result.data);
        setActive(0);
      } else setError(result.message);
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q, actions]);

  const run = (work: () => Promise<Result<unknown>>) =>
    startTransition(async () => {
      setError(null);
      const result = await work();
      if (!result.ok) return setError(result.message);
      setQ("");
      setHits([]);
      router.refresh();
    });
  const choose = (person: PersonHit) => run(() => actions.link({ ...account, personId: person.id }));
  const open = q.trim().length >= 2 && hits.length > 0;

  return (
    <Card className="mb-6" data-testid="account-person">
      <CardHeader
        title="Person"
        description={
          link?.personId ? (
            <>
              <Link href={`/admin/people/${link.personId}`} className="font-medium text-brand-700 hover:underline">
                {link.personName}
              </Link>
              {link.personEmail ? ` (${link.personEmail})` : ""}, {methodText[link.method] ?? link.method}
            </>
          ) : link?.manual ? (
            "Belongs to nobody (set by hand): a shared or service account."
          ) : (
            "Unmatched: no person in the identity provider has this account's email."
          )
        }
        actions={link?.personStatus ? <PersonStatusBadge status={link.personStatus} /> : undefined}
      />
      {canEdit && (
        <CardBody className="space-y-3">
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap items-start gap-2">
            <div className="relative w-full max-w-sm">
              <label htmlFor={`${listId}-input`} className="sr-only">
                Link to a person
              </label>
              <Input
                id={`${listId}-input`}
                role="combobox"
                aria-expanded={open}
                aria-controls={listId}
                aria-autocomplete="list"
                aria-activedescendant={open ? `${listId}-${active}` : undefined}
                placeholder="Link to a person: type a name or email"
                value={q}
                disabled={pending}
                onChange={(e) => setQ(e.target.value)}
                onKeyDown={(e) => {
                  if (!open) return;
                  if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, hits.length - 1));
                  else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
                  else if (e.key === "Enter") choose(hits[active]);
                  else if (e.key === "Escape") setHits([]);
                  else return;
                  e.preventDefault();
                }}
              />
              {open && (
                <ul id={listId} role="listbox" aria-label="People" className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
                  {hits.map((hit, index) => (
                    <li
                      key={hit.id}
                      id={`${listId}-${index}`}
                      role="option"
                      aria-selected={index === active}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => choose(hit)}
                      className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-brand-50 text-brand-800" : "text-slate-700"}`}
                    >
                      <span className="font-medium">{hit.name}</span>
                      {hit.email && <span className="text-slate-500"> · {hit.email}</span>}
                      {hit.status !== "active" && <span className="text-amber-700"> · {hit.status}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            {!(link?.manual && !link.personId) && (
              <Button variant="secondary" disabled={pending} onClick={() => run(() => actions.link({ ...account, personId: null }))}>
                Belongs to nobody
              </Button>
            )}
            {link?.manual && (
              <Button variant="ghost" disabled={pending} onClick={() => run(() => actions.reset(account))}>
                Match automatically
              </Button>
            )}
          </div>
          <p className="text-xs text-slate-500">A link set by hand stays through every sync and is recorded in the audit log.</p>
        </CardBody>
      )}
    </Card>
  );
}
