// A campaign's items as its administrators see them: every reviewer, the decision and the revoke.
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { ItemFlags, ItemState, ItemWho, type ItemView } from "./review-badges";

export type CampaignItem = ItemView & { id: string; appName: string; accountName: string; accountEmail: string | null; personName: string | null; entitlementName: string; reviewerEmail: string | null; reason: string | null; remediationMessage: string | null };

export function CampaignItemsTable({ items }: { items: CampaignItem[] }) {
  return (
    <Table>
      <thead>
        <tr><Th>Person / account</Th><Th>Entitlement</Th><Th>Flags</Th><Th>Reviewer</Th><Th>State</Th></tr>
      </thead>
      <TBody>
        {items.map((item) => (
          <Tr key={item.id} data-testid="campaign-item">
            <Td>
              <ItemWho item={item} />
            </Td>
            <Td>
              <div className="text-slate-900">{item.entitlementName}</div>
              <div className="text-xs text-slate-500">{item.appName}</div>
            </Td>
            <Td><ItemFlags item={item} /></Td>
            <Td className="max-w-[12rem] break-all text-xs">{item.reviewerEmail}</Td>
            <Td className="w-72">
              <ItemState item={item} />
              {item.reason && <div className="mt-1 text-xs text-slate-500">“{item.reason}”</div>}
              {item.remediationMessage && <div className="mt-1 max-w-[18rem] text-xs text-slate-500">{item.remediationMessage}</div>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
