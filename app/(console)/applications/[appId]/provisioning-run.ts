// What the provisioning actions share around lib/provisioning: a ProvisioningError (the
// console's or the upstream's refusal) becomes the action's refusal, and a done change
// refreshes the Applications pages. Not a "use server" file: the actions call it.
import { revalidatePath } from "next/cache";
import { ActionError } from "@/lib/action";
import { ProvisioningError } from "@/lib/provisioning/run";

export async function asActionResult<T>(change: Promise<T>): Promise<T> {
  try {
    const result = await change;
    revalidatePath("/applications", "layout");
    return result;
  } catch (error) {
    if (error instanceof ProvisioningError) throw new ActionError(error.message);
    throw error;
  }
}
