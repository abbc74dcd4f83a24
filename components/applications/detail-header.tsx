import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";

/** Applications › App › Section, then the item's name. */
export function DetailHeader({ app, section, title, description, badges }: { app: { id: string; name: string }; section: { label: string; href: string }; title: string; description?: ReactNode; badges?: ReactNode }) {
  return (
    <PageHeader
      eyebrow={
        <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1.5">
          <Link href="/applications" className="hover:text-slate-700 hover:underline">
            Applications
          </Link>
          <span aria-hidden="true">›</span>
          <Link href={`/applications/${app.id}`} className="hover:text-slate-700 hover:underline">
            {app.name}
          </Link>
          <span aria-hidden="true">›</span>
          <Link href={section.href} className="hover:text-slate-700 hover:underline">
            {section.label}
          </Link>
        </nav>
      }
      title={
        <span className="flex flex-wrap items-center gap-3">
          {title}
          {badges}
        </span>
      }
      description={description}
    />
  );
}
