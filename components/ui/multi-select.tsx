"use client";
// A searchable multi-select on the ARIA combobox pattern: type to filter, arrows to move,
// Enter to add, Backspace on an empty box removes the last choice, Escape closes the list.
import { useId, useState, type KeyboardEvent } from "react";
import { cn } from "./cn";
import { Input } from "./input";
import { comboboxProps } from "./search-combobox";

export type MultiSelectOption = { value: string; label: string; description?: string };

type Props = {
  id: string;
  options: MultiSelectOption[];
  value: string[];
  onChange: (value: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  /** Label of the selected list, for screen readers ("Chosen owners"). */
  selectedLabel: string;
};

const MAX_SHOWN = 50;

export function MultiSelect({ id, options, value, onChange, placeholder, invalid, describedBy, disabled, selectedLabel }: Props) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = query.trim().toLowerCase();
  const selected = value.map((v) => options.find((o) => o.value === v)).filter((o): o is MultiSelectOption => Boolean(o));
  const matches = options.filter((o) => !value.includes(o.value) && (!q || `${o.label} ${o.description ?? ""}`.toLowerCase().includes(q))).slice(0, MAX_SHOWN);
  const activeIndex = Math.min(active, matches.length - 1);

  // Closes the list after a choice so it does not cover what follows; typing or an arrow reopens it.
  const add = (option: MultiSelectOption) => {
    onChange([...value, option.value]);
    setQuery("");
    setActive(0);
    setOpen(false);
  };
  const remove = (v: string) => onChange(value.filter((x) => x !== v));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length ? (Math.max(0, i) + step + matches.length) % matches.length : 0));
    } else if (event.key === "Enter" && open && matches[activeIndex]) {
      event.preventDefault();
      add(matches[activeIndex]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === "Backspace" && !query && selected.length) {
      remove(selected[selected.length - 1].value);
    }
  };

  return (
    <div className="space-y-2">
      {selected.length > 0 && (
        <ul aria-label={selectedLabel} className="flex flex-wrap gap-2">
          {selected.map((option) => (
            <li key={option.value} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-700 ring-1 ring-inset ring-brand-100">
              <span>{option.label}</span>
              <button
                type="button"
                disabled={disabled}
                onClick={() => remove(option.value)}
                aria-label={`Remove ${option.label}`}
                className="flex size-5 items-center justify-center rounded-full text-brand-700 hover:bg-brand-100"
              >
                <svg viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                  <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <Input
          id={id}
          {...comboboxProps(listId, open, matches[activeIndex] ? `${listId}-${activeIndex}` : undefined)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          placeholder={placeholder}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label="Matching users" className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
            {matches.length === 0 ? (
              <li className="px-3 py-2 text-sm text-slate-500">{q ? "No match." : "Everyone is already chosen."}</li>
            ) : (
              matches.map((option, index) => (
                <li
                  key={option.value}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === activeIndex}
                  // mousedown would blur the input and close the list before the click lands.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => add(option)}
                  onMouseEnter={() => setActive(index)}
                  className={cn("cursor-pointer px-3 py-2 text-sm", index === activeIndex ? "bg-brand-50 text-brand-700" : "text-slate-800")}
                >
                  <span className="font-medium">{option.label}</span>
                  {option.description && <span className="ml-2 text-slate-500">{option.description}</span>}
                </li>
              ))
            )}
          </ul>
        )}
      </div>
    </div>
  );
}
