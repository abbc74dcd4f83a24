import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requireUser } from "@/lib/auth";
import { hasAnyUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const user = await requireUser();
  return <ConsoleShell user={user}>{children}</ConsoleShell>;
}
