// The access-request queue: one revoke job per time-bound grant, due at its end (the sweep is
// the backstop). No imports but a type: lib/sync/queue.ts lists it among the app's queues.
import type PgBoss from "pg-boss";

export const REQUEST_QUEUE = "access-request-revoke";

export const REQUEST_QUEUE_DEFINITION: PgBoss.Queue = { name: REQUEST_QUEUE, policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 };
