// The boundary between a transport and the core: check the method, validate the parameters with
// the contract's zod schema, run the handler (the station's map: src-main/station/handlers.ts),
// and turn every failure into data.
import { ZodError } from 'zod';
import {
  describeParamsIssue,
  isMethod,
  stationApi,
  type ApiResponse,
  type Method,
} from '../../src-preload/contract/api.ts';
import { OpError } from './errors.ts';
import type { Handler, Handlers } from './handler-types.ts';
import type { Session, StationCore } from './station-core.ts';

export async function dispatch(
  handlers: Handlers,
  core: StationCore,
  session: Session,
  method: unknown,
  params: unknown,
): Promise<ApiResponse<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'unknown_method', message: 'The station does not offer that call.' } };
  }
  const input = params ?? {};
  const parsed = stationApi[method].params.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: issue ? describeParamsIssue(method, issue.path, issue.message, input) : 'Invalid input.',
      },
    };
  }
  try {
    const handler = handlers[method] as Handler<Method>;
    const result: unknown = await handler({ core, session }, parsed.data);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof OpError) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof ZodError)
      return { ok: false, error: { code: 'invalid_input', message: error.message } };
    console.error(`station: ${method} failed`, error);
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in the station. The problem was logged.' },
    };
  }
}
