// The console's navigation. Add a page here when it exists: no dead links.
import type { RoleName } from "@/lib/validation/users";

export type NavItem = { href: string; label: string; roles?: RoleName[] };
export type NavSection = { label?: string; items: NavItem[] };

export const navSections: NavSection[] = [
  {
    items: [
      { href: "/", label: "Overview" },
      { href: "/applications", label: "Applications" },
      { href: "/reviews", label: "My reviews" },
      { href: "/requests", label: "Access requests" },
    ],
  },
  {
    label: "Admin",
    items: [
      { href: "/admin/connectors", label: "Connectors", roles: ["SUPER_ADMIN", "CONNECTOR_ADMIN"] },
      { href: "/admin/people", label: "People", roles: ["SUPER_ADMIN", "CONNECTOR_ADMIN"] },
      { href: "/admin/access-reviews", label: "Access reviews", roles: ["SUPER_ADMIN", "CONNECTOR_ADMIN"] },
      { href: "/admin/users", label: "Users", roles: ["SUPER_ADMIN"] },
      { href: "/admin/email-outbox", label: "Email outbox", roles: ["SUPER_ADMIN"] },
      { href: "/admin/audit-log", label: "Audit log", roles: ["SUPER_ADMIN"] },
      { href: "/admin/settings", label: "Settings", roles: ["SUPER_ADMIN"] },
    ],
  },
];

export function visibleSections(role: RoleName) {
  return navSections
    .map((section) => ({ ...section, items: section.items.filter((item) => !item.roles || item.roles.includes(role)) }))
    .filter((section) => section.items.length > 0);
}
