// The shell's calls: station info, session, sync, lookup and the outbox (queueing an operation of
// any domain goes through the station's operation registry).
import type { ShellMethod } from '../../src-preload/contract/api.ts';
import { QUEUE_TABLES } from '../../src-preload/contract/tables.ts';
import { OpError } from '../core/errors.ts';
import { requireUser, type HandlerMap } from '../core/handler-types.ts';
import { lookupCode } from '../core/lookup.ts';
import { authenticate } from '../core/session-auth.ts';
import { stationStatus } from '../core/station-status.ts';
import { submitOperation } from '../ops/submit.ts';
import { REQUIRED_SCHEMA_VERSION } from '../sync/protocol.ts';
import { STATION_OPERATIONS } from './operations.ts';

type ShellCall = Exclude<ShellMethod, `scanner.${string}`>;

export const shellHandlers: HandlerMap<ShellCall> = {
  'station.info': (ctx) => ({
    appVersion: ctx.core.appVersion,
    schemaVersion: REQUIRED_SCHEMA_VERSION,
    transport: ctx.core.transport,
    stationName: ctx.core.file.name,
    tenantSlug: ctx.core.file.tenantSlug,
    siteCode: ctx.core.file.siteCode,
  }),
  'session.login': async (ctx, params) => {
    const user = await authenticate(ctx.core.cache.reader, params.email, params.password);
    ctx.session.user = user;
    return user;
  },
  'session.logout': (ctx) => {
    ctx.session.user = null;
    return { ok: true as const };
  },
  'session.current': (ctx) => ctx.session.user,
  'sync.status': (ctx) => ctx.core.engine.status(),
  'sync.now': (ctx) => {
    ctx.core.engine.requestSync();
    return { ok: true as const };
  },
  'lookup.code': (ctx, params) => {
    requireUser(ctx);
    return lookupCode(ctx.core.cache.reader, params.code);
  },
  'operations.submit': (ctx, params) => {
    const user = requireUser(ctx);
    const queued = submitOperation(STATION_OPERATIONS, ctx.core.cache, ctx.core.scope, {
      type: params.type,
      userId: user.id,
      payload: params.payload,
    });
    ctx.core.localChange(QUEUE_TABLES);
    return queued;
  },
  'operations.list': (ctx, params) => {
    requireUser(ctx);
    const status = stationStatus(ctx.core.cache, 200);
    if (params.filter === 'pending') return status.pending;
    if (params.filter === 'rejected') return status.rejected;
    return [...status.pending, ...status.rejected].sort((a, b) => b.seq - a.seq);
  },
  'operations.acknowledge': (ctx, params) => {
    requireUser(ctx);
    const result = ctx.core.cache.writer
      .prepare(`UPDATE outbox SET acknowledged = 1 WHERE op_id = ? AND status = 'rejected'`)
      .run(params.opId);
    if (result.changes === 0) throw new OpError('not_found', 'That rejected operation does not exist.');
    ctx.core.localChange(['outbox']);
    return { ok: true as const };
  },
};
