"use server";
// The account page's Person card: linking the account to a person by hand, handing it back to
// automatic matching, and the person search behind the link picker.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { resetAccountLink, setManualLink } from "@/lib/data/account-links";
import { searchPeople } from "@/lib/data/people";
import { linkAccountSchema, PEOPLE_ROLES, resetAccountLinkSchema, searchPeopleSchema } from "@/lib/validation/people";

export const linkAccountAction = action({ schema: linkAccountSchema, roles: PEOPLE_ROLES }, async (input, actor) => {
  const outcome = await setManualLink(input, input.personId, actor);
  if (!outcome.ok) {
    if (outcome.reason === "no_person") throw new ActionError("This person is no longer in the directory.", { personId: ["Choose another person."] });
    throw new ActionError("This account is not in the connector's latest sync.");
  }
  revalidatePath("/admin/people", "layout");
  revalidatePath("/applications", "layout");
  return { linked: input.personId !== null };
});

export const resetAccountLinkAction = action({ schema: resetAccountLinkSchema, roles: PEOPLE_ROLES }, async (input, actor) => {
  await resetAccountLink(input, actor);
  revalidatePath("/admin/people", "layout");
  revalidatePath("/applications", "layout");
  return { reset: true };
});

export const searchPeopleAction = action({ schema: searchPeopleSchema, roles: PEOPLE_ROLES }, async ({ q }) => searchPeople(q));
