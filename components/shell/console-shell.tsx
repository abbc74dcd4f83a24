import type { ReactNode } from "react";
import { roleLabels, type RoleName } from "@/lib/validation/users";
import { Logo } from "./logo";
import { visibleSections } from "./nav-items";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";

export function ConsoleShell({ user, children }: { user: { name: string; email: string; role: RoleName }; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-5 py-5">
          <Logo />
        </div>
        <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-3">
          {visibleSections(user.role).map((section, index) => (
            <div key={section.label ?? index}>
              {section.label && <p className="mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{section.label}</p>}
              <ul className="space-y-0.5">
                {section.items.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} label={item.label} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <UserMenu name={user.name} email={user.email} roleLabel={roleLabels[user.role]} />
      </aside>
      <main id="main" className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
