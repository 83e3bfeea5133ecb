// daily_log.reopen_day: a manager reopens a submitted day of the site, with a reason (the server:
// db/functions/maintenance/op_daily_log_reopen_day.sql).
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addStateChange } from '../ops/overlay.ts';
import { checkDay, dayKey, siteDay } from './daily-log-checks.ts';
import { requireOwnSite } from './day-checks.ts';

export const dailyLogReopenDay: OperationHandler<'daily_log.reopen_day'> = {
  summarize(payload) {
    return `Day ${payload.date} reopened: ${payload.reason}`;
  },
  applyLocal(ctx, payload) {
    const site = requireOwnSite(ctx.db, payload.site_id, ctx.station.siteId);
    checkDay(payload.date, ctx.now, 'A day cannot be reopened before it has begun.');
    if (siteDay(ctx.db, site.id, payload.date).state.state !== 'submitted') {
      throw new OpError(
        'day_not_submitted',
        `The daily logs of ${site.code} for ${payload.date} are not submitted; there is nothing to reopen.`,
      );
    }
    addStateChange(ctx.db, ctx.opId, 'daily_log_day', dayKey(site.id, payload.date), 'submitted', 'reopened');
  },
};
