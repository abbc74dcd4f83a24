"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `value`; says so for two seconds, or says the browser refused (no clipboard access). */
export function CopyButton({ value, label = "Copy", className }: { value: string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  };
  return (
    <Button variant="secondary" size="sm" className={className} onClick={copy} aria-label={label}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select and copy" : label}
    </Button>
  );
}
