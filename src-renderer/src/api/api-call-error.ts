// A station API call that the core answered with { ok: false }: the code lets a screen react,
// the message is written for the person at the counter.
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A message fit to show: the core's own for ApiCallError, a generic one otherwise. */
export function readableError(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return 'Something went wrong in this window. Try again; if it keeps happening, restart the station.';
}
