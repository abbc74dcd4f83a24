"use client";
// The two Kubernetes manifests, each with Copy and Download. Cloudflare has two credential
// sets (API token, Email + API key): the choice picks which Secret is shown.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ManifestFile, ManifestVariant } from "@/lib/self-hosted/panel-types";
import { CopyButton } from "./copy-button";

function download(file: ManifestFile) {
  const url = URL.createObjectURL(new Blob([file.content], { type: "application/yaml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function FileBlock({ file }: { file: ManifestFile }) {
  return (
    <figure className="space-y-2" aria-label={file.name}>
      <figcaption className="flex items-center justify-between gap-2">
        <span className="font-mono text-sm font-medium text-slate-800">{file.name}</span>
        <span className="flex gap-2">
          <CopyButton value={file.content} label={`Copy ${file.name}`} />
          <Button variant="secondary" size="sm" onClick={() => download(file)} aria-label={`Download ${file.name}`}>
            Download
          </Button>
        </span>
      </figcaption>
      <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{file.content}</pre>
    </figure>
  );
}

export function ManifestFiles({ variants }: { variants: ManifestVariant[] }) {
  const [chosen, setChosen] = useState(variants[0]?.id);
  const variant = variants.find((v) => v.id === chosen) ?? variants[0];
  if (!variant) return null;
  return (
    <div className="space-y-4">
      {variants.length > 1 && (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium text-slate-800">Provider credentials</legend>
          {variants.map((v) => (
            <label key={v.id} className="inline-flex items-center gap-2">
              <input type="radio" name="manifest-variant" value={v.id} checked={v.id === variant.id} onChange={() => setChosen(v.id)} />
              {v.label}
            </label>
          ))}
        </fieldset>
      )}
      {variant.files.map((file) => (
        <FileBlock key={file.name} file={file} />
      ))}
    </div>
  );
}
