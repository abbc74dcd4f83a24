// The one way to write a server action: session → role → zod parse → handler → typed result.
// Refusals and bad input change nothing; unexpected errors are logged and shown generically.
import type { Role } from "@prisma/client";
import type { z } from "zod";
import { getCurrentUser, hasRole, type CurrentUser } from "@/lib/auth";

import { ActionError, type FieldErrors } from "@/lib/action-error";

export { ActionError, type FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: FieldErrors };

export const ALL_ROLES: readonly Role[] = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"];
export const NOT_SIGNED_IN = "Your session has ended. Sign in again.";
export const NOT_ALLOWED = "You do not have permission to do this.";

const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: such input used to pass the schema and then
 * fail in the database as an unexpected error. It is bad input, so it is answered as a field
 * error before the handler runs (found by tests/proof/fuzz-actions.test.ts).
 */
function nulCharacterErrors(data: unknown): FieldErrors | null {
  const fields = new Set<string>();
  const visit = (value: unknown, field: string) => {
    if (typeof value === "string") {
      if (value.includes("\u0000")) fields.add(field);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, field);
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        visit(key, field);
        visit(item, field);
      }
    }
  };
  if (data && typeof data === "object" && !Array.isArray(data)) for (const [key, value] of Object.entries(data)) visit(value, key);
  else visit(data, "");
  if (!fields.size) return null;
  return Object.fromEntries([...fields].map((field) => [field, ["Remove the invisible NUL character."]]));
}

type ParsedInput<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldErrors };

function parseInput<S extends z.ZodType>(schema: S, input: unknown): ParsedInput<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: parsed.error.flatten().fieldErrors as FieldErrors };
  const nul = nulCharacterErrors(parsed.data);
  if (nul) return { ok: false, message: CHECK_FIELDS, fieldErrors: nul };
  return { ok: true, data: parsed.data };
}

type ActionOptions<S extends z.ZodType> = {
  schema: S;
  /** Roles that may call the action at all. */
  roles: readonly Role[];
  /** A further, input-dependent check (e.g. "is an owner of this connector"). */
  authorize?: (user: CurrentUser, input: z.infer<S>) => Promise<boolean>;
};

export function action<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  handler: (input: z.infer<S>, user: CurrentUser) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: NOT_SIGNED_IN };
    if (!hasRole(user, options.roles)) return { ok: false, message: NOT_ALLOWED };
    const parsed = parseInput(options.schema, input);
    if (!parsed.ok) return { ok: false, message: parsed.message, fieldErrors: parsed.fieldErrors };
    try {
      if (options.authorize && !(await options.authorize(user, parsed.data))) return { ok: false, message: NOT_ALLOWED };
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
      // Next's redirect()/notFound() are thrown on purpose: let them through.
      if (error instanceof Error && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
      console.error("Action failed:", error instanceof Error ? error.message : error);
      return { ok: false, message: "Something went wrong on our side. Nothing was changed; try again." };
    }
  };
}

/**
 * For the two forms used before anyone can sign in (first-run set-up, set-password link).
 * There is no session to check; each handler guards itself (no user exists yet; the
 * one-time token is valid). Same parse and result shape as `action`.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = parseInput(schema, input);
    if (!parsed.ok) return { ok: false, message: parsed.message, fieldErrors: parsed.fieldErrors };
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
      console.error("Action failed:", error instanceof Error ? error.message : error);
      return { ok: false, message: "Something went wrong on our side. Nothing was changed; try again." };
    }
  };
}
