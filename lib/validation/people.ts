// People pages' URL parameters and the account-linking forms. URL input that does not fit
// falls back to the default; form input gets field errors.
import { z } from "zod";
import { matchAttributeLabels } from "./connector-options";

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).optional()).catch(undefined);
const cursor = z.preprocess(first, z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional()).catch(undefined);

/** Who may see People and link accounts: the directory holds everyone's access. */
export const PEOPLE_ROLES = ["SUPER_ADMIN", "CONNECTOR_ADMIN"] as const;

export const peopleTabs = ["people", "unmatched", "orphaned"] as const;
export type PeopleTab = (typeof peopleTabs)[number];
export const personStatuses = ["active", "suspended", "deactivated"] as const;

export const peopleQuerySchema = z.object({
  tab: z.preprocess(first, z.enum(peopleTabs)).catch("people"),
  q: text(100),
  status: z.preprocess(first, z.enum(personStatuses).optional()).catch(undefined),
  app: z.preprocess(first, z.string().max(100).optional()).catch(undefined),
  after: cursor,
  before: cursor,
});

const id = (label: string) => z.string({ error: `Choose ${label}.` }).trim().min(1, `Choose ${label}.`).max(1_000);

const accountAddress = {
  connectorId: id("a connector"),
  resourceTypeId: id("an account type"),
  externalId: id("an account"),
};

/** Link an account to a person by hand (personId), or mark it as nobody's (null). */
export const linkAccountSchema = z.object({ ...accountAddress, personId: id("a person").nullable() });
export const resetAccountLinkSchema = z.object(accountAddress);
export const searchPeopleSchema = z.object({ q: z.string().trim().min(1, "Type part of a name or email.").max(100) });

export { matchAttributeLabels };
export const matchAttributeSchema = z.object({
  connectorId: id("a connector"),
  attribute: z.enum(["email", "username", "externalId"], { error: "Choose email, username or external ID." }),
});
