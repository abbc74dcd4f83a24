import { Input } from "./input";

/**
 * A GET form: searching changes the URL (shareable, back button works) and needs no
 * JavaScript. `keep` carries the other parameters (tab, sort) through the search.
 */
export function SearchForm({ action, name = "q", value, placeholder, label, keep = {} }: { action: string; name?: string; value?: string; placeholder: string; label: string; keep?: Record<string, string | undefined> }) {
  return (
    <form action={action} method="get" role="search" className="relative w-full max-w-sm">
      {Object.entries(keep).map(([key, kept]) => (kept ? <input key={key} type="hidden" name={key} value={kept} /> : null))}
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400">
        <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 3.4 9.83l3.63 3.64a.75.75 0 1 0 1.06-1.06l-3.63-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" clipRule="evenodd" />
      </svg>
      <Input type="search" name={name} defaultValue={value} placeholder={placeholder} aria-label={label} className="h-9 pl-9" />
    </form>
  );
}
