// The audit log's filters, parsed from the URL by the page and the CSV export alike.
import { z } from "zod";

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(200).optional());
const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.").optional(),
);

export const auditFilterSchema = z.object({
  actor: optionalText,
  connector: optionalText,
  kind: optionalText,
  from: optionalDate,
  to: optionalDate,
  /** Keyset cursor: the id of the last row of the previous page (ids grow with time). */
  before: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d+$/).optional()),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
