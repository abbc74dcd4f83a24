import Link from "next/link";
import { formatCount } from "@/components/applications/format";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { PersonStatusBadge } from "./person-status-badge";

export type PersonItem = {
  id: string;
  name: string;
  email: string | null;
  status: string;
  rawStatus: string | null;
  department: string | null;
  title: string | null;
  managerName: string | null;
  managerId: string | null;
  accounts: number;
};

export function PeopleTable({ people }: { people: PersonItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Person</Th>
          <Th>Status</Th>
          <Th>Department</Th>
          <Th>Manager</Th>
          <Th className="text-right">Accounts</Th>
        </tr>
      </thead>
      <TBody>
        {people.map((person) => (
          <Tr key={person.id} data-testid="person-row">
            <Td>
              <Link href={`/admin/people/${person.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {person.name}
              </Link>
              <p className="text-xs text-slate-500">{[person.email, person.title].filter(Boolean).join(" · ")}</p>
            </Td>
            <Td>
              <PersonStatusBadge status={person.status} rawStatus={person.rawStatus} />
            </Td>
            <Td>{person.department ?? <span className="text-slate-400">—</span>}</Td>
            <Td>
              {person.managerId ? (
                <Link href={`/admin/people/${person.managerId}`} className="hover:text-brand-700 hover:underline">
                  {person.managerName}
                </Link>
              ) : (
                (person.managerName ?? <span className="text-slate-400">—</span>)
              )}
            </Td>
            <Td className="text-right tabular-nums">{formatCount(person.accounts)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
