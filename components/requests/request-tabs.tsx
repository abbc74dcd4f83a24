import { LinkTabs } from "@/components/ui/tabs";

export function RequestTabs({ active, approvals }: { active: "catalog" | "mine" | "approvals"; approvals?: number }) {
  const tabs = [
    { id: "catalog", label: "Request access", href: "/requests" },
    { id: "mine", label: "My requests", href: "/requests/mine" },
    { id: "approvals", label: "Approvals", href: "/requests/approvals", count: approvals },
  ];
  return <LinkTabs label="Access requests" tabs={tabs} active={active} />;
}
