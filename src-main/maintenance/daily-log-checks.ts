// What the daily log operations check against the station cache before queueing, with the same
// codes and messages as the server (db/functions/maintenance/): the asset and how it is named, its
// tank, the day lock of its site and the day's log as the station sees it (synced or queued).
import type { CacheDb } from '../cache/db.ts';
import { formatNumber } from '../../src-preload/contract/maintenance/daily-log-rules.ts';
import { OpError } from '../core/errors.ts';
import { pendingState, type PendingState } from '../ops/overlay.ts';

const DAY_MS = 86_400_000;

export interface AssetInfo {
  id: string;
  name: string;
  status: string;
  client_code: string | null;
  site_id: string | null;
  tank_litres: number | null;
}

/** "EX-101 (Excavator Caterpillar 336)", or the name alone without a client code. */
export function assetLabel(asset: Pick<AssetInfo, 'name' | 'client_code'>): string {
  return asset.client_code ? `${asset.client_code} (${asset.name})` : asset.name;
}

export function requireAsset(db: CacheDb, assetId: string): AssetInfo {
  const asset = db
    .prepare(
      `SELECT a.id, a.name, a.status, l.site_id,
              (SELECT i.client_code FROM asset_identities i WHERE i.asset_id = a.id AND i.client_code IS NOT NULL
                ORDER BY i.created_at, i.client_code LIMIT 1) AS client_code,
              (SELECT json_extract(s.specs, '$.fuel_tank_litres') FROM asset_specs s WHERE s.asset_id = a.id) AS tank_litres
         FROM assets a LEFT JOIN locations l ON l.id = a.location_id WHERE a.id = ?`,
    )
    .get(assetId) as AssetInfo | undefined;
  if (!asset) throw new OpError('unknown_asset', 'That asset does not exist.');
  return asset;
}

/** A YYYY-MM-DD day that exists and is not after tomorrow (one day of time-zone leeway). */
export function checkDay(date: string, now: Date, futureMessage: string): void {
  const day = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls impossible days over (2025-02-30 becomes 2025-03-02): compare the round trip.
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date)
    throw new OpError('invalid_date', `"${date}" is not a date.`);
  if (day > now.getTime() + DAY_MS) throw new OpError('invalid_date', futureMessage);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

export function checkTank(asset: AssetInfo, fuel: number): void {
  if (asset.tank_litres !== null && fuel > asset.tank_litres) {
    throw new OpError(
      'fuel_above_tank',
      `${assetLabel(asset)} holds at most ${formatNumber(asset.tank_litres)} L of fuel; ${formatNumber(fuel)} L is more than its tank.`,
    );
  }
}

/** The overlay key of a site's day. */
export function dayKey(siteId: string, date: string): string {
  return `${siteId}|${date}`;
}

export interface DayRow {
  id: string;
  status: 'submitted' | 'reopened';
  submitted_by: string | null;
  submitted_at: string;
  reopened_by: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
}

/** The site's day in the mirror (null: never submitted) and as the queued operations leave it. */
export function siteDay(
  db: CacheDb,
  siteId: string,
  date: string,
): { row: DayRow | null; state: PendingState } {
  const row = db
    .prepare(
      `SELECT d.id, d.status, d.submitted_at, d.reopened_at, d.reopen_reason,
              (SELECT full_name FROM users WHERE id = d.submitted_by_user_id) AS submitted_by,
              (SELECT full_name FROM users WHERE id = d.reopened_by_user_id) AS reopened_by
         FROM daily_log_days d WHERE d.site_id = ? AND d.date = ?`,
    )
    .get(siteId, date) as DayRow | undefined;
  return {
    row: row ?? null,
    state: pendingState(db, 'daily_log_day', dayKey(siteId, date), row?.status ?? 'open'),
  };
}

/** Refuses a change to the logs of a submitted day (day_submitted), as the server does. */
export function checkDayOpen(db: CacheDb, asset: AssetInfo, date: string): void {
  if (!asset.site_id) return;
  const { row, state } = siteDay(db, asset.site_id, date);
  if (state.state !== 'submitted') return;
  const code =
    (db.prepare('SELECT code FROM locations WHERE id = ?').pluck().get(asset.site_id) as
      string | undefined) ?? '';
  const by = row && state.confirmed === 'submitted' ? (row.submitted_by ?? 'a supervisor') : 'this station';
  const at =
    row && state.confirmed === 'submitted'
      ? ` on ${row.submitted_at.slice(0, 16).replace('T', ' ')} UTC`
      : '';
  throw new OpError(
    'day_submitted',
    `The daily logs of ${code} for ${date} were submitted by ${by}${at}; a manager must reopen the day before they can change.`,
  );
}

/** A log of the day as the station sees it: the mirror's, or a queued one (with its corrections). */
export interface DayLog {
  id: string;
  hours: number;
  fuel: number;
  notes: string | null;
  anomalies: unknown[];
  supervisor: string | null;
  queued: boolean;
  correctionPending: boolean;
}

interface CorrectionEffect {
  log_id: string;
  run_hours_added: number;
  fuel_liters_added: number;
  notes: string | null;
  anomalies: unknown[];
}

/** Applies the queued corrections of a log, oldest first. */
function corrected(db: CacheDb, key: string, log: DayLog): DayLog {
  const rows = db
    .prepare(
      `SELECT data FROM pending_effects WHERE entity = 'daily_log_correction' AND key = ? ORDER BY rowid`,
    )
    .pluck()
    .all(key) as string[];
  let result = log;
  for (const data of rows) {
    const c = JSON.parse(data) as CorrectionEffect;
    if (c.log_id !== log.id) continue;
    result = {
      ...result,
      hours: c.run_hours_added,
      fuel: c.fuel_liters_added,
      notes: c.notes,
      anomalies: c.anomalies,
      correctionPending: true,
    };
  }
  return result;
}

export function dayLog(db: CacheDb, assetId: string, date: string): DayLog | null {
  const key = `${assetId}|${date}`;
  const synced = db
    .prepare(
      `SELECT d.id, d.run_hours_added AS hours, d.fuel_liters_added AS fuel, d.notes, d.anomalies,
              (SELECT full_name FROM users WHERE id = d.supervisor_id) AS supervisor
         FROM daily_logs d WHERE d.asset_id = ? AND d.date = ?`,
    )
    .get(assetId, date) as
    (Omit<DayLog, 'queued' | 'correctionPending' | 'anomalies'> & { anomalies: string }) | undefined;
  if (synced) {
    return corrected(db, key, {
      ...synced,
      anomalies: JSON.parse(synced.anomalies) as unknown[],
      queued: false,
      correctionPending: false,
    });
  }
  const pending = db
    .prepare(`SELECT data FROM pending_effects WHERE entity = 'daily_log' AND key = ? ORDER BY rowid LIMIT 1`)
    .pluck()
    .get(key) as string | undefined;
  if (pending === undefined) return null;
  const p = JSON.parse(pending) as {
    log_id?: string;
    run_hours_added: number;
    fuel_liters_added: number;
    notes?: string;
    anomalies?: unknown[];
    supervisor?: string;
  };
  return corrected(db, key, {
    id: p.log_id ?? '',
    hours: p.run_hours_added,
    fuel: p.fuel_liters_added,
    notes: p.notes ?? null,
    anomalies: p.anomalies ?? [],
    supervisor: p.supervisor ?? null,
    queued: true,
    correctionPending: false,
  });
}

/** Finds a log by id in the mirror or among the queued ones: its asset, day and values. */
export function findLog(db: CacheDb, logId: string): { assetId: string; date: string; log: DayLog } | null {
  const synced = db.prepare('SELECT asset_id, date FROM daily_logs WHERE id = ?').get(logId) as
    { asset_id: string; date: string } | undefined;
  let where = synced;
  if (!where) {
    const rows = db.prepare(`SELECT key, data FROM pending_effects WHERE entity = 'daily_log'`).all() as {
      key: string;
      data: string;
    }[];
    const hit = rows.find((r) => (JSON.parse(r.data) as { log_id?: string }).log_id === logId);
    if (!hit) return null;
    const [assetId = '', date = ''] = hit.key.split('|');
    where = { asset_id: assetId, date };
  }
  const log = dayLog(db, where.asset_id, where.date);
  return log && log.id === logId ? { assetId: where.asset_id, date: where.date, log } : null;
}
