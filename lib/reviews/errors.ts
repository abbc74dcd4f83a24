// An expected refusal of a campaign step (launch a campaign that is not a draft, close one that
// is not active). The actions turn it into their refusal; jobs and scripts need no Next or auth.
export class ReviewRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewRefusedError";
  }
}
