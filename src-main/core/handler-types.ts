// Handlers implement the station API contract. Each domain exports one typed map for its calls
// (`HandlerMap<keyof typeof <domain>Api>`); the station's map joins them and `Handlers` makes the
// compiler refuse a call without its handler (src-main/station/handlers.ts).
import type { CacheDb } from '../cache/db.ts';
import type { z } from 'zod';
import type { Method, ResultOf, StationApi } from '../../src-preload/contract/api.ts';
import type { SessionUser } from '../../src-preload/contract/session.ts';
import { OpError } from './errors.ts';
import type { Session, StationCore } from './station-core.ts';

export interface HandlerContext {
  core: StationCore;
  session: Session;
}

export type Handler<M extends Method> = (
  ctx: HandlerContext,
  params: z.output<StationApi[M]['params']>,
) => ResultOf<M> | Promise<ResultOf<M>>;

/** The handlers of some calls of the contract: one for each, none extra. */
export type HandlerMap<M extends Method> = { [K in M]: Handler<K> };

/** The handlers of every call of the contract. */
export type Handlers = HandlerMap<Method>;

/** The user logged in on this connection; every call but login and station info needs one. */
export function requireUser(ctx: HandlerContext): SessionUser {
  if (!ctx.session.user) throw new OpError('not_logged_in', 'Log in first.');
  return ctx.session.user;
}

/** The cache's reader connection, once a user is logged in. */
export function reader(ctx: HandlerContext): CacheDb {
  requireUser(ctx);
  return ctx.core.cache.reader;
}
