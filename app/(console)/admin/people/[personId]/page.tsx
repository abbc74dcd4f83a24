import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCount, formatDate } from "@/components/applications/format";
import { PersonAccess } from "@/components/people/person-access";
import { PersonStatusBadge } from "@/components/people/person-status-badge";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { getPerson, listPersonAccess, PERSON_GRANTS_SHOWN } from "@/lib/data/people";
import { PEOPLE_ROLES } from "@/lib/validation/people";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  await requireRole(PEOPLE_ROLES);
  const { personId } = await params;
  const person = await getPerson(personId);
  if (!person) notFound();
  const accounts = await listPersonAccess(person.id);
  const grants = accounts.reduce((n, a) => n + a.grantsTotal, 0);
  const left = person.status !== "active";
  const activeAccounts = accounts.filter((a) => !a.status || a.status === "enabled" || a.status === "unspecified").length;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/people" className="hover:text-brand-700 hover:underline">
            People
          </Link>
        }
        title={person.name}
        description={person.email ?? undefined}
        actions={<PersonStatusBadge status={person.status} rawStatus={person.rawStatus} />}
      />
      {left && activeAccounts > 0 && (
        <Alert tone="warning" className="mb-4" title="Orphaned access">
          {person.name} is {person.status} in the identity provider but still has {activeAccounts} active {activeAccounts === 1 ? "account" : "accounts"} below.
        </Alert>
      )}
      <Card className="mb-6">
        <CardBody>
          <DescriptionList
            items={[
              { label: "Status", value: person.rawStatus ? `${person.status} (${person.rawStatus})` : person.status },
              { label: "Department", value: person.department ?? "—" },
              { label: "Title", value: person.title ?? "—" },
              {
                label: "Manager",
                value: person.managerId ? (
                  <Link href={`/admin/people/${person.managerId}`} className="text-brand-700 hover:underline">
                    {person.managerName}
                  </Link>
                ) : (
                  (person.managerName ?? "—")
                ),
              },
              { label: "Accounts", value: formatCount(accounts.length) },
              { label: "Grants", value: formatCount(grants) },
              ...(person.removedAt ? [{ label: "Removed from the identity provider", value: formatDate(person.removedAt) }] : []),
            ]}
          />
        </CardBody>
      </Card>
      <PersonAccess name={person.name} accounts={accounts} shown={PERSON_GRANTS_SHOWN} />
    </>
  );
}
