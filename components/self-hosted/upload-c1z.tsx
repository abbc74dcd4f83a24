"use client";
// "Upload .c1z": the file goes as the raw request body to a route handler (a server action's
// body limit is far below a sync file's size). The server refuses corrupt, truncated, v3,
// oversized and unfinished files with a message, and then nothing has changed.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Outcome = { tone: "success" | "error"; text: string } | null;

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export function UploadC1z({ uploadUrl }: { uploadUrl: string }) {
  const router = useRouter();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [allowUnfinished, setAllowUnfinished] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const upload = () =>
    startTransition(async () => {
      if (!file) return;
      setOutcome(null);
      const url = allowUnfinished ? `${uploadUrl}?allowUnfinished=true` : uploadUrl;
      let response: Response;
      try {
        response = await fetch(url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: file });
      } catch {
        setOutcome({ tone: "error", text: "The upload did not reach the server. Nothing was changed; try again." });
        return;
      }
      const json: unknown = await response.json().catch(() => null);
      // Loaded with the first upload: the connector page itself does without zod.
      const { c1zUploadResultSchema, uploadRefusalSchema } = await import("@/lib/validation/uploads");
      const ok = response.ok ? c1zUploadResultSchema.safeParse(json) : null;
      if (!ok?.success) {
        const refused = uploadRefusalSchema.safeParse(json);
        setOutcome({ tone: "error", text: refused.success ? refused.data.message : `The upload failed (HTTP ${response.status}). Nothing was changed.` });
        return;
      }
      const { counts, sync } = ok.data;
      setOutcome({
        tone: "success",
        text: `Imported ${sync.finished ? "" : "unfinished "}sync ${sync.id}: ${plural(counts.accounts, "account")}, ${plural(counts.resources, "resource")}, ${plural(counts.entitlements, "entitlement")}, ${plural(counts.grants, "grant")}.`,
      });
      router.refresh();
    });

  return (
    <form
      className="space-y-3"
      aria-label="Upload .c1z"
      onSubmit={(e) => {
        e.preventDefault();
        upload();
      }}
    >
      {outcome && <Alert tone={outcome.tone}>{outcome.text}</Alert>}
      <div className="space-y-1.5">
        <label htmlFor={`${ids}-file`} className="block text-sm font-medium text-slate-800">
          .c1z file
        </label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".c1z,application/octet-stream"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-200"
        />
        <p className="text-xs text-slate-500">A v1 (SQLite) file written by any Baton connector. Its latest finished full sync replaces this connector&apos;s data.</p>
      </div>
      <div className="space-y-1">
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={allowUnfinished} onChange={(e) => setAllowUnfinished(e.currentTarget.checked)} aria-describedby={`${ids}-warning`} />
          Allow unfinished sync
        </label>
        <p id={`${ids}-warning`} className={allowUnfinished ? "text-xs font-medium text-amber-800" : "text-xs text-slate-500"}>
          Imports the file&apos;s latest sync even if it never finished. A partial sync replaces the full snapshot: accounts, entitlements and grants it did not reach will vanish.
        </p>
      </div>
      <Button type="submit" variant="secondary" size="sm" disabled={!file} loading={pending}>
        Upload .c1z
      </Button>
    </form>
  );
}
