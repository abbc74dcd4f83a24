"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * next-auth's sign-out (its CSRF token, then POST /api/auth/signout), without loading its
 * client library on every console page for this one call (npm run bench:bundle).
 */
async function signOut(callbackUrl: string) {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    });
    const { url } = (await response.json()) as { url?: string };
    window.location.href = url ?? callbackUrl;
  } catch {
    // next-auth's own sign-out page (a route handler, not a page), which asks once more.
    window.location.href = new URL("/api/auth/signout", window.location.origin).href;
  }
}

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="border-t border-slate-200 p-3">
      <div className="px-2 pb-2">
        <p className="truncate text-sm font-medium text-slate-900" data-testid="current-user">
          {name}
        </p>
        <p className="truncate text-xs text-slate-500">{email}</p>
        <p className="mt-0.5 text-xs text-slate-500">{roleLabel}</p>
      </div>
      <Button
        variant="secondary"
        size="sm"
        className="w-full"
        loading={pending}
        onClick={() => {
          setPending(true);
          void signOut("/signin");
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
