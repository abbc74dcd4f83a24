// What the ingest API's .c1z upload answers (POST /api/v1/uploads/c1z and the connector page's
// upload route): the page parses the answer before showing it.
import { z } from "zod";

export const c1zUploadResultSchema = z.object({
  runId: z.string(),
  counts: z.object({ resourceTypes: z.number(), resources: z.number(), accounts: z.number(), entitlements: z.number(), grants: z.number() }),
  sync: z.object({ id: z.string(), type: z.string(), finished: z.boolean() }),
});

export const uploadRefusalSchema = z.object({ message: z.string() });
