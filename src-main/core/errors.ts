// An action the station refuses: a code a screen can act on and a message a storekeeper can read.
// Nothing is written when one is thrown. (Messages for refused input are made from the contract's
// words for each field: src-preload/contract/operation.ts, describeIssue.)
export class OpError extends Error {
  override name = 'OpError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
