import { cn } from "@/components/ui/cn";

const palette = ["bg-indigo-100 text-indigo-700", "bg-sky-100 text-sky-700", "bg-emerald-100 text-emerald-700", "bg-amber-100 text-amber-800", "bg-rose-100 text-rose-700", "bg-violet-100 text-violet-700", "bg-teal-100 text-teal-700"];

/** A stable coloured tile with the app's initial: apps are recognisable at a glance. */
export function AppAvatar({ name, size = "md", logoUrl }: { name: string; size?: "md" | "lg"; logoUrl?: string | null }) {
  // FNV-1a: similar names still land on different colours.
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return (
    <span
      aria-hidden="true"
      className={cn("relative inline-flex shrink-0 items-center justify-center rounded-lg font-semibold", palette[hash % palette.length], size === "lg" ? "size-11 text-lg" : "size-8 text-sm")}
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
      {/* The identity provider's logo over the initial: if it cannot load (offline, moved), the initial shows through. */}
      {logoUrl && /^https:\/\//.test(logoUrl) && (
        // eslint-disable-next-line @next/next/no-img-element -- a remote logo of unknown size; next/image would need every host configured
        <img src={logoUrl} alt="" loading="lazy" referrerPolicy="no-referrer" className="absolute inset-0 size-full rounded-lg object-contain" />
      )}
    </span>
  );
}
