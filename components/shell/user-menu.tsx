"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

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
          void signOut({ callbackUrl: "/signin" });
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
