// Handlers implement the station API contract; `satisfies Handlers` keeps them in step with it.
import type { Method, ParamsOf, ResultOf, StationApi } from '../../../src-preload/contract/api.ts';
import type { z } from 'zod';
import type { Session, StationCore } from '../station-core.ts';

export interface HandlerContext {
  core: StationCore;
  session: Session;
}

export type Handler<M extends Method> = (
  ctx: HandlerContext,
  params: z.output<StationApi[M]['params']>,
) => ResultOf<M> | Promise<ResultOf<M>>;

export type Handlers = { [M in Method]: Handler<M> };
export type { ParamsOf };
