import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";

// Settings has one section so far.
export default async function SettingsPage() {
  await requireRole(["SUPER_ADMIN"]);
  redirect("/admin/settings/sso");
}
