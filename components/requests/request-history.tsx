// A request's history, oldest first: who did what, when, with their comment.
import { formatUtc } from "./request-state";

type Event = { id: string; at: Date; actorEmail: string | null; kind: string; step: number | null; comment: string | null };

const words: Record<string, string> = {
  requested: "Requested",
  approved: "Approved",
  denied: "Denied",
  cancelled: "Cancelled",
  active: "Granted in the app",
  grant_failed: "Grant failed",
  revoke_requested: "Revoke now",
  revoke_failed: "Revoke failed",
  expired: "Expired and removed in the app",
  revoked: "Revoked",
  extended: "Extended",
  extension_requested: "Extension requested",
};

export function RequestHistory({ events }: { events: Event[] }) {
  return (
    <ol className="space-y-3" aria-label="History">
      {events.map((event) => (
        <li key={event.id} className="text-sm" data-testid="request-event">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium text-slate-900">
              {words[event.kind] ?? event.kind}
              {event.step ? ` (step ${event.step})` : ""}
            </span>
            <span className="text-xs text-slate-500">
              {formatUtc(event.at)}
              {event.actorEmail ? ` · ${event.actorEmail}` : ""}
            </span>
          </div>
          {event.comment && <p className="mt-0.5 whitespace-pre-wrap text-slate-600">{event.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
