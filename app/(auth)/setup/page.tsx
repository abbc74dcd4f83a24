import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardBody } from "@/components/ui/card";
import { hasAnyUser } from "@/lib/data/users";
import { createFirstAdminAction } from "./actions";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/signin");
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        <div>
          <h1 className="text-xl font-semibold">Set up your console</h1>
          <p className="mt-1 text-sm text-slate-600">Create the first Super Administrator. You can add everyone else from Admin &gt; Users.</p>
        </div>
        <SetupForm action={createFirstAdminAction} />
      </CardBody>
    </Card>
  );
}
