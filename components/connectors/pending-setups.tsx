import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "./format";

export type PendingSetup = { id: string; displayName: string; appName: string; assignedBy: string | null; createdAt: Date };

/** Overview: connectors an owner was asked to finish setting up. Shown only when there are some. */
export function PendingSetups({ items }: { items: PendingSetup[] }) {
  if (items.length === 0) return null;
  return (
    <Card className="mb-6">
      <CardHeader title="Pending set-ups assigned to you" description="Your help is needed to complete these connectors: open one, click Edit in its Settings area, enter the credentials and click Save." />
      <ul className="divide-y divide-slate-100" aria-label="Pending set-ups">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            <div>
              <Link href={`/admin/connectors/${item.id}`} className="font-medium text-brand-700 hover:underline">
                {item.displayName}
              </Link>
              <span className="text-sm text-slate-600"> for the {item.appName} app</span>
              <p className="text-xs text-slate-500">
                {item.assignedBy ? `Added by ${item.assignedBy}` : "Added"} {formatDateTime(item.createdAt)}
              </p>
            </div>
            <Link href={`/admin/connectors/${item.id}`} className="text-sm font-medium text-brand-700 hover:underline" aria-label={`Finish setting up ${item.displayName}`}>
              Finish set-up →
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
