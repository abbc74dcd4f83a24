import type { Metadata } from "next";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { requireRole } from "@/lib/auth";
import { listEmailMessages } from "@/lib/data/email-outbox";

export const metadata: Metadata = { title: "Email outbox" };

const statusTone: Record<string, Tone> = { SENT: "green", QUEUED: "blue", FAILED: "red", OUTBOX: "amber" };
const statusLabel: Record<string, string> = { SENT: "Sent", QUEUED: "Sending", FAILED: "Failed, will retry", OUTBOX: "In outbox" };

export default async function EmailOutboxPage() {
  await requireRole(["SUPER_ADMIN"]);
  const messages = await listEmailMessages();
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Email outbox"
        description="Every email the console sends, with its delivery status. Without SMTP_URL, messages stay here: copy the links from them."
      />
      <Card>
        {messages.length === 0 ? (
          <EmptyState title="No emails yet" description="Invitations and connector set-up requests appear here when they are sent." />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>To</Th>
                <Th>Subject</Th>
                <Th>Status</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <TBody>
              {messages.map((m) => (
                <Tr key={m.id}>
                  <Td className="whitespace-nowrap">{m.to}</Td>
                  <Td>
                    <details>
                      <summary className="cursor-pointer font-medium text-slate-900">{m.subject}</summary>
                      <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs text-slate-700">{m.text}</pre>
                    </details>
                  </Td>
                  <Td>
                    <Badge tone={statusTone[m.status]}>{statusLabel[m.status]}</Badge>
                    {m.lastError && <p className="mt-1 max-w-xs text-xs text-red-600">{m.lastError}</p>}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-500">{m.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
