import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { getCurrentUser, requireUser } from "@/lib/auth";
import { hasAnyUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Only a visitor without a session can be facing a console nobody has set up yet.
  if (!(await getCurrentUser()) && !(await hasAnyUser())) redirect("/setup");
  const user = await requireUser();
  // TanStack Query's provider sits with the connector pages that use it (admin/connectors/[id]).
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
