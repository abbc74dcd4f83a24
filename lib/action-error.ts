// The expected refusal of a server action's handler, apart from lib/action.ts so that domain code
// (reviews, requests) can refuse without loading next-auth: scripts and workers import it too.
export type FieldErrors = Record<string, string[] | undefined>;

/** Thrown by handlers for an expected refusal ("already exists", "upstream said no"). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
