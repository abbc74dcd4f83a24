"use client";
// A single-choice combobox whose options come from the server as the person types (the WAI-ARIA
// combobox pattern with a listbox popup): typing searches after a pause, ArrowDown/ArrowUp move
// the active option (aria-activedescendant, focus stays in the box), Enter chooses it, Escape
// closes the list (and only the list: a dialog around it stays open). Options may be shown but
// not choosable, with the reason beside them. Reaching the end of the list, by arrow or by
// scrolling, asks for the next page.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { Input } from "./input";
import { Spinner } from "./spinner";

export type SearchPage<T> = { rows: T[]; next: string | null };
type SearchResult<T> = { ok: true; data: SearchPage<T> } | { ok: false; message: string };

type Props<T> = {
  id: string;
  /** Asks the server for one page of matches; `after` is the previous page's `next`. */
  search: (q: string, after?: string) => Promise<SearchResult<T>>;
  value: T | null;
  onChange: (value: T | null) => void;
  optionKey: (option: T) => string;
  /** What the box shows once an option is chosen, and the option's accessible name. */
  optionText: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  /** Why an option cannot be chosen (it is shown, greyed, with this reason), or null. */
  unavailable?: (option: T) => string | null;
  placeholder?: string;
  /** Plural noun of the options, for the empty and loading states ("accounts"). */
  noun: string;
  listLabel: string;
  describedBy?: string;
  disabled?: boolean;
  /** The list pushes what follows down instead of floating over it (in a dialog, where it would cover the buttons). */
  inline?: boolean;
};

const DEBOUNCE_MS = 200;

/** The text box's half of the combobox pattern, shared by every combobox here (MultiSelect too). */
export function comboboxProps(listId: string, open: boolean, activeId: string | undefined) {
  return {
    role: "combobox",
    type: "text",
    autoComplete: "off",
    "aria-expanded": open,
    "aria-controls": listId,
    "aria-autocomplete": "list",
    "aria-activedescendant": open ? activeId : undefined,
  } as const;
}

export function SearchCombobox<T>(props: Props<T>) {
  const { id, search, value, onChange, optionKey, optionText, renderOption, unavailable, placeholder, noun, listLabel, describedBy, disabled, inline } = props;
  const listId = useId();
  const [text, setText] = useState(value ? optionText(value) : "");
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  // Each request gets a number; an answer that is not the latest one is dropped.
  const latest = useRef(0);
  const term = value ? "" : text.trim();

  const load = useCallback(
    async (q: string, after?: string) => {
      const ticket = ++latest.current;
      setLoading(true);
      const result = await search(q, after);
      if (ticket !== latest.current) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(null);
      setRows((current) => (after ? [...current, ...result.data.rows] : result.data.rows));
      setNext(result.data.next);
      if (!after) setActive(-1);
    },
    [search],
  );

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => void load(term), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, term, load]);

  const choosable = (index: number) => index >= 0 && index < rows.length && !unavailable?.(rows[index]);
  const choose = (option: T) => {
    onChange(option);
    setText(optionText(option));
    setOpen(false);
  };
  const moreIfAtEnd = (index: number) => {
    if (next && !loading && index >= rows.length - 1) void load(term, next);
  };
  const move = (step: 1 | -1) => {
    if (!rows.length) return;
    const target = Math.min(Math.max(active + step, 0), rows.length - 1);
    setActive(target);
    moreIfAtEnd(target);
    document.getElementById(`${listId}-${target}`)?.scrollIntoView({ block: "nearest" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) setOpen(true);
      else move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      if (choosable(active)) choose(rows[active]);
    } else if (event.key === "Escape" && open) {
      // Closes the list only: without this the <dialog> around the box would close too.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  // One live region, always present while the list is open, so each change is announced.
  let status: ReactNode = null;
  if (error) status = <span className="text-red-600">{error}</span>;
  else if (loading && rows.length === 0)
    status = (
      <span className="flex items-center gap-2">
        <Spinner className="size-4" /> Searching {noun}…
      </span>
    );
  else if (rows.length === 0) status = term ? `No ${noun} match “${term}”` : `No ${noun}`;
  else if (loading) status = `Loading more ${noun}…`;
  else if (next) status = `Scroll or keep typing for more ${noun}.`;

  return (
    <div className="relative">
      <Input
        id={id}
        {...comboboxProps(listId, open, active >= 0 && active < rows.length ? `${listId}-${active}` : undefined)}
        aria-describedby={describedBy}
        disabled={disabled}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (value) onChange(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div className={cn("mt-1 w-full rounded-md bg-white ring-1 ring-slate-200", inline ? "shadow-sm" : "absolute z-20 shadow-lg")}>
          <ul
            id={listId}
            role="listbox"
            aria-label={listLabel}
            aria-busy={loading}
            className={cn("max-h-64 overflow-y-auto", rows.length > 0 && "py-1")}
            onScroll={(event) => {
              const list = event.currentTarget;
              if (list.scrollTop + list.clientHeight >= list.scrollHeight - 24) moreIfAtEnd(rows.length - 1);
            }}
          >
            {rows.map((option, index) => {
              const reason = unavailable?.(option) ?? null;
              return (
                <li
                  key={optionKey(option)}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  aria-disabled={reason ? true : undefined}
                  // mousedown would blur the box and close the list before the click lands.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => !reason && choose(option)}
                  onMouseEnter={() => setActive(index)}
                  className={cn(
                    "flex items-baseline justify-between gap-3 px-3 py-2 text-sm",
                    reason ? "cursor-not-allowed text-slate-400" : "cursor-pointer text-slate-800",
                    index === active && (reason ? "bg-slate-50" : "bg-brand-50 text-brand-800"),
                  )}
                >
                  <span className="min-w-0 truncate">{renderOption(option)}</span>
                  {reason && <span className="shrink-0 text-xs text-slate-500">{reason}</span>}
                </li>
              );
            })}
          </ul>
          <div role="status" className={cn("px-3 text-sm text-slate-500", status ? cn("py-2", rows.length > 0 && "border-t border-slate-100") : "sr-only")}>
            {status ?? `${rows.length} ${noun}`}
          </div>
        </div>
      )}
    </div>
  );
}
