"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Starts the OpenID Connect flow (next-auth sets the state, PKCE and nonce cookies first). */
export function SsoSignInButton({ displayName, callbackUrl }: { displayName: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      loading={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      Sign in with {displayName}
    </Button>
  );
}
