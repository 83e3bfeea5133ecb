// dailyLog.grid: one row per metered asset of the station's site for a day, with what the grid
// needs to validate and flag a row as the supervisor types: the asset's tank, status and meter (as
// the machine shows it), the day's log (synced or queued, with queued corrections), a log of the
// day this station sent and the server refused, yesterday's values and the asset's own normal
// (its last 90 days). Metered: an hour meter row, not only an odometer, and not disposed; units,
// and components only when they are logged or read on their own (an engine's meter that just
// follows its unit is not entered twice).
import type { CacheDb } from '../../cache/db.ts';
import type {
  DailyLogGrid,
  DailyLogGridRow,
} from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { assetNorms } from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { dayBefore, dayLog, siteDay } from '../daily-log-checks.ts';
import { offsetAt, queuedReadings } from '../meter-checks.ts';

const HISTORY_DAYS = 90;

interface AssetRow {
  id: string;
  name: string;
  category: string | null;
  status: string;
  area: string;
  client_code: string | null;
  tank: number | null;
  hours: number;
  last_log: string | null;
  last_reading: string | null;
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function dailyLogGrid(
  db: CacheDb,
  siteId: string,
  date: string,
  now: Date = new Date(),
): DailyLogGrid {
  const site = db.prepare('SELECT id, code, name FROM locations WHERE id = ?').get(siteId) as
    DailyLogGrid['site'] | undefined;
  const assets = db
    .prepare(
      `SELECT a.id, a.name, a.category, a.status, l.name AS area, m.current_run_hours AS hours,
              (SELECT i.client_code FROM asset_identities i WHERE i.asset_id = a.id AND i.client_code IS NOT NULL
                ORDER BY i.created_at, i.client_code LIMIT 1) AS client_code,
              (SELECT json_extract(s.specs, '$.fuel_tank_litres') FROM asset_specs s WHERE s.asset_id = a.id) AS tank,
              (SELECT max(d.date) FROM daily_logs d WHERE d.asset_id = a.id) AS last_log,
              (SELECT max(r.read_on) FROM meter_readings r WHERE r.asset_id = a.id AND r.meter = 'run_hours') AS last_reading
         FROM locations l
         JOIN assets a ON a.location_id = l.id
         JOIN asset_meters m ON m.asset_id = a.id
        WHERE l.site_id = ? AND a.status <> 'disposed' AND (m.current_run_hours > 0 OR m.current_odometer IS NULL)
          AND (a.parent_id IS NULL
               OR EXISTS (SELECT 1 FROM daily_logs d WHERE d.asset_id = a.id)
               OR EXISTS (SELECT 1 FROM meter_readings r WHERE r.asset_id = a.id))
        ORDER BY l.name, a.name`,
    )
    .all(siteId) as AssetRow[];

  // The last 90 days of each asset, for its own normal (read per asset through (asset_id, date)).
  const from = shiftDay(date, -HISTORY_DAYS);
  const history = db.prepare(
    `SELECT run_hours_added AS hours, fuel_liters_added AS fuel FROM daily_logs
      WHERE asset_id = ? AND date >= ? AND date < ?`,
  );
  const pendingMeter = new Map(
    (
      db
        .prepare(`SELECT key, sum(delta) AS delta FROM pending_effects WHERE entity = 'meter' GROUP BY key`)
        .all() as { key: string; delta: number }[]
    ).map((r) => [r.key, r.delta]),
  );
  const pendingLogDays = new Map<string, string>();
  for (const key of db
    .prepare(`SELECT key FROM pending_effects WHERE entity = 'daily_log'`)
    .pluck()
    .all() as string[]) {
    const [assetId = '', day = ''] = key.split('|');
    if (day > (pendingLogDays.get(assetId) ?? '')) pendingLogDays.set(assetId, day);
  }
  const rejected = new Map<string, NonNullable<DailyLogGridRow['rejected']>>();
  for (const op of db
    .prepare(
      `SELECT op_id, reason, payload FROM outbox
        WHERE type = 'daily_log.record' AND status = 'rejected' AND acknowledged = 0
          AND json_extract(payload, '$.date') = ? ORDER BY seq`,
    )
    .all(date) as { op_id: string; reason: string | null; payload: string }[]) {
    const p = JSON.parse(op.payload) as {
      asset_id: string;
      run_hours_added: number;
      fuel_liters_added: number;
    };
    rejected.set(p.asset_id, {
      op_id: op.op_id,
      reason: op.reason ?? 'Refused by the server.',
      hours: p.run_hours_added,
      fuel: p.fuel_liters_added,
    });
  }
  const yesterday = dayBefore(date);
  const nowMs = now.getTime();

  const rows = assets.map((a): DailyLogGridRow => {
    const log = dayLog(db, a.id, date);
    const before = dayLog(db, a.id, yesterday);
    const total = Math.round((a.hours + (pendingMeter.get(a.id) ?? 0)) * 100) / 100;
    const queuedReadingDay = queuedReadings(db, a.id, 'run_hours').reduce<string | null>(
      (latest, r) => (latest === null || r.day > latest ? r.day : latest),
      null,
    );
    const dates = [a.last_log, a.last_reading, pendingLogDays.get(a.id) ?? null, queuedReadingDay].filter(
      (d): d is string => d !== null,
    );
    return {
      asset_id: a.id,
      client_code: a.client_code,
      name: a.name,
      category: a.category,
      area: a.area,
      status: a.status,
      tank_litres: a.tank,
      meter: Math.round((total - offsetAt(db, a.id, 'run_hours', nowMs)) * 100) / 100,
      meter_date: dates.length > 0 ? (dates.sort().at(-1) ?? null) : null,
      log: log
        ? {
            id: log.id,
            hours: log.hours,
            fuel: log.fuel,
            notes: log.notes,
            anomalies: log.anomalies as { code: string; message: string }[],
            state: log.queued ? 'queued' : 'applied',
            supervisor: log.supervisor,
            correction_pending: log.correctionPending,
          }
        : null,
      rejected: rejected.get(a.id) ?? null,
      yesterday: before ? { hours: before.hours, fuel: before.fuel } : null,
      norms: assetNorms(history.all(a.id, from, date) as { hours: number; fuel: number }[]),
    };
  });

  const { row, state } = siteDay(db, siteId, date);
  return {
    date,
    site: site ?? { id: siteId, code: '', name: '' },
    day: {
      status: state.state as 'open' | 'submitted' | 'reopened',
      pending: state.changes.length > 0,
      submitted_by: row?.submitted_by ?? null,
      submitted_at: row?.submitted_at ?? null,
      reopened_by: row?.reopened_by ?? null,
      reopened_at: row?.reopened_at ?? null,
      reopen_reason: row?.reopen_reason ?? null,
    },
    rows,
  };
}
