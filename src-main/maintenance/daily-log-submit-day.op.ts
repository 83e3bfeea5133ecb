// daily_log.submit_day: a supervisor submits the site's day; its logs are locked until a manager
// reopens it (the server: db/functions/maintenance/op_daily_log_submit_day.sql).
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addStateChange } from '../ops/overlay.ts';
import { checkDay, dayKey, siteDay } from './daily-log-checks.ts';
import { requireOwnSite } from './day-checks.ts';

export const dailyLogSubmitDay: OperationHandler<'daily_log.submit_day'> = {
  summarize(payload, db) {
    const code = db
      .prepare('SELECT code FROM locations WHERE id = ?')
      .pluck()
      .get(payload.site_id ?? '') as string | undefined;
    return `Day ${payload.date} submitted${code ? ` at ${code}` : ''}`;
  },
  applyLocal(ctx, payload) {
    const site = requireOwnSite(ctx.db, payload.site_id, ctx.station.siteId);
    checkDay(payload.date, ctx.now, 'A day cannot be submitted before it has begun.');
    const { row, state } = siteDay(ctx.db, site.id, payload.date);
    if (state.state === 'submitted') {
      const by =
        state.confirmed === 'submitted' && row
          ? ` by ${row.submitted_by ?? 'a supervisor'}`
          : ' at this station';
      throw new OpError(
        'day_already_submitted',
        `The daily logs of ${site.code} for ${payload.date} were already submitted${by}.`,
      );
    }
    addStateChange(
      ctx.db,
      ctx.opId,
      'daily_log_day',
      dayKey(site.id, payload.date),
      ['open', 'reopened'],
      'submitted',
    );
  },
};
