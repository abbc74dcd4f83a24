// The rows of My requests and of the Approvals inbox: what, where, for how long, and its state.
import Link from "next/link";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { formatHours } from "@/lib/validation/requests";
import { formatUtc, RequestState } from "./request-state";

export type RequestListItem = {
  id: string;
  entitlementName: string;
  appName: string;
  requesterEmail: string;
  durationHours: number | null;
  state: string;
  endsAt: Date | null;
  createdAt: Date;
  extendsRequestId: string | null;
  step: number;
  steps: string[][];
};

export function RequestsTable({ rows, showRequester }: { rows: RequestListItem[]; showRequester?: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <Table>
        <thead>
          <tr>
            <Th>Entitlement</Th>
            <Th>App</Th>
            {showRequester && <Th>Requester</Th>}
            <Th>Duration</Th>
            <Th>Requested</Th>
            <Th>State</Th>
          </tr>
        </thead>
        <TBody>
          {rows.map((row) => (
            <Tr key={row.id} data-testid="request-row">
              <Td>
                <Link href={`/requests/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.extendsRequestId ? `Extension: ${row.entitlementName}` : row.entitlementName}
                </Link>
              </Td>
              <Td>{row.appName}</Td>
              {showRequester && <Td>{row.requesterEmail}</Td>}
              <Td>{formatHours(row.durationHours)}</Td>
              <Td className="whitespace-nowrap">{formatUtc(row.createdAt)}</Td>
              <Td>
                <RequestState state={row.state} endsAt={row.endsAt} extension={Boolean(row.extendsRequestId)} />
                {row.state === "PENDING" && row.steps.length > 1 && <span className="ml-2 text-xs text-slate-500">step {row.step} of {row.steps.length}</span>}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
