// An expected refusal of a request action ("over the maximum", "already approved"): the
// actions turn it into their refusal with the field errors; jobs log it.
export class RequestRefusal extends Error {
  constructor(message: string, readonly fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "RequestRefusal";
  }
}

export const fieldRefusal = (field: string, message: string) => new RequestRefusal("Check the highlighted fields.", { [field]: [message] });

/** Who a background change is made by: the request system, acting for the requester. */
export const jobActor = (requesterEmail: string) => ({ id: "access-requests", email: `access requests for ${requesterEmail}` });

const STATE_WORDS: Record<string, string> = {
  PENDING: "pending",
  APPROVED: "approved",
  DENIED: "denied",
  PROVISIONING: "being provisioned",
  ACTIVE: "active",
  EXPIRED: "expired",
  REVOKED: "revoked",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

export const stateWord = (state: string) => STATE_WORDS[state] ?? state.toLowerCase();
