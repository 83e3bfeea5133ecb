// The supervisor's day on the station, against a real SQLite station cache: daily logs, their
// corrections, the day lock, meter readings and replacements queued with the server's codes and
// messages (offline: the mirror plus what is queued), the grid read and the grid's save (each row
// queued whole or refused whole, never twice).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import { pendingDelta } from '../ops/overlay.ts';
import { submitOperation, type SubmitInput } from '../ops/submit.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import { buildingId, NAMES, NOW, siteId, station, tenantId, users } from '../../test/helpers/ops-test-ids.ts';
import { saveDailyLogGrid } from './daily-log-save.ts';
import { dailyLogGrid } from './reads/daily-log-grid.ts';
import { logCorrections } from './reads/log-corrections.ts';
import { meterHistory } from './reads/meter-history.ts';

const ex = uuidv7(); // EX-101, 600 L tank, meter 1,000 h
const gen = uuidv7(); // GEN-7, out of service, no tank known
const TODAY = '2026-11-25';

let dir: string;
let cache: StationCache;

type Row = Record<string, string | number | null>;

function mirror(table: string, row: Row): void {
  const full: Row = {
    tenant_id: tenantId,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    row_version: 1,
    change_xid: 1000,
    ...row,
  };
  if (table === 'tenants') delete full.tenant_id;
  const columns = Object.keys(full);
  cache.writer
    .prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    .run(...Object.values(full));
}

function log(assetId: string, date: string, hours: number, fuel: number): string {
  const id = uuidv7();
  mirror('daily_logs', {
    id,
    date,
    supervisor_id: users.supervisor,
    asset_id: assetId,
    run_hours_added: hours,
    fuel_liters_added: fuel,
    notes: null,
    anomalies: '[]',
  });
  return id;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-maintenance-'));
  cache = StationCache.open(dir);
  cache.transaction(() => {
    mirror('tenants', { id: tenantId, slug: 'acme', name: 'Acme', settings: '{"agile_mode": false}' });
    for (const [id, type, code, parent] of [
      [siteId, 'site', 'SITE-1', null],
      [buildingId, 'building', 'YARD', siteId],
    ] as const) {
      mirror('locations', { id, parent_id: parent, name: code, type, code, site_id: siteId, is_active: 1 });
    }
    for (const role of Object.keys(users) as UserRole[]) {
      mirror('users', {
        id: users[role],
        email: `${role}@example.test`,
        full_name: NAMES[role],
        role,
        password_hash: 'scrypt$x',
        site_id: siteId,
        is_active: 1,
      });
    }
    for (const [id, name, code, status, meter, tank] of [
      [ex, 'Excavator', 'EX-101', 'in_service', 1000, 600],
      [gen, 'Generator', 'GEN-7', 'out_of_service', 500, null],
    ] as const) {
      mirror('assets', { id, location_id: buildingId, name, category: 'Plant', status });
      mirror('asset_identities', { id: uuidv7(), asset_id: id, client_code: code });
      mirror('asset_meters', {
        id: uuidv7(),
        asset_id: id,
        current_run_hours: meter,
        current_odometer: null,
        last_updated_at: '2026-11-20T00:00:00Z',
      });
      if (tank !== null) {
        mirror('asset_specs', {
          id: uuidv7(),
          asset_id: id,
          specs: JSON.stringify({ fuel_tank_litres: tank }),
        });
      }
    }
    // Eight working days of EX-101 at about 8 h and 20 L/h: its own normal.
    for (let d = 1; d <= 8; d++)
      log(ex, `2026-11-${String(25 - d).padStart(2, '0')}`, 8 + (d % 2), 160 + (d % 2) * 20);
  });
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(type: string, payload: unknown, role: UserRole = 'supervisor'): string {
  const input: SubmitInput = { type, userId: users[role], payload };
  return submitOperation(STATION_OPERATIONS, cache, station, input, NOW).opId;
}

function refused(type: string, payload: unknown, role: UserRole = 'supervisor'): OpError {
  try {
    submit(type, payload, role);
  } catch (error) {
    if (error instanceof OpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const record = (assetId: string, date: string, hours: number, fuel: number, extra: object = {}) =>
  submit('daily_log.record', {
    asset_id: assetId,
    date,
    run_hours_added: hours,
    fuel_liters_added: fuel,
    ...extra,
  });

describe('daily_log.record', () => {
  it('queues the log and the meter, and refuses a second one naming the first', () => {
    record(ex, TODAY, 7.5, 150);
    expect(pendingDelta(cache.reader, 'meter', ex)).toBe(7.5);
    const error = refused('daily_log.record', {
      asset_id: ex,
      date: TODAY,
      run_hours_added: 8,
      fuel_liters_added: 150,
    });
    expect(error).toMatchObject({
      code: 'duplicate_daily_log',
      message:
        'EX-101 (Excavator) already has a daily log for 2026-11-25: 7.5 h and 150 L recorded by Sue Visor ' +
        '(queued at this station). Correct that log instead of adding a second one.',
    });
  });

  it('refuses fuel above the tank, as the server does', () => {
    expect(
      refused('daily_log.record', { asset_id: ex, date: TODAY, run_hours_added: 8, fuel_liters_added: 601 }),
    ).toMatchObject({
      code: 'fuel_above_tank',
      message: 'EX-101 (Excavator) holds at most 600 L of fuel; 601 L is more than its tank.',
    });
  });

  it('does not move the meter for a day a machine reading already counts', () => {
    submit('meter.reading', { asset_id: ex, read_at: '2026-11-25T12:00+03:00', reading: 1000 });
    record(ex, TODAY, 5, 100);
    expect(pendingDelta(cache.reader, 'meter', ex)).toBe(0);
  });
});

describe('the day lock', () => {
  it('refuses logs of a day submitted here, until a manager reopens it', () => {
    record(ex, TODAY, 8, 160);
    submit('daily_log.submit_day', { date: TODAY });
    expect(
      refused('daily_log.record', { asset_id: gen, date: TODAY, run_hours_added: 1, fuel_liters_added: 0 }),
    ).toMatchObject({
      code: 'day_submitted',
      message:
        'The daily logs of SITE-1 for 2026-11-25 were submitted by this station; a manager must reopen the day before they can change.',
    });
    expect(refused('daily_log.submit_day', { date: TODAY })).toMatchObject({ code: 'day_already_submitted' });
    expect(refused('daily_log.reopen_day', { date: TODAY, reason: 'late sheets' })).toMatchObject({
      code: 'forbidden',
    });
    submit('daily_log.reopen_day', { date: TODAY, reason: 'late sheets' }, 'manager');
    record(gen, TODAY, 1, 0);
    expect(dailyLogGrid(cache.reader, siteId, TODAY, NOW).day).toMatchObject({
      status: 'reopened',
      pending: true,
    });
  });
});

describe('daily_log.correct', () => {
  it('corrects a synced log with a reason; the meter moves by the difference and the history shows it', () => {
    const id = log(ex, TODAY, 8, 160);
    submit('daily_log.correct', {
      log_id: id,
      run_hours_added: 6,
      fuel_liters_added: 150,
      reason: 'Stood 2 h',
      expected: { run_hours_added: 8, fuel_liters_added: 160 },
    });
    expect(pendingDelta(cache.reader, 'meter', ex)).toBe(-2);
    const row = dailyLogGrid(cache.reader, siteId, TODAY, NOW).rows.find((r) => r.asset_id === ex);
    expect(row?.log).toMatchObject({ hours: 6, fuel: 150, state: 'applied', correction_pending: true });
    expect(logCorrections(cache.reader, id)).toEqual([
      expect.objectContaining({ old_hours: 8, new_hours: 6, reason: 'Stood 2 h', pending: true }),
    ]);
    expect(
      refused('daily_log.correct', {
        log_id: id,
        run_hours_added: 5,
        fuel_liters_added: 150,
        reason: 'again',
        expected: { run_hours_added: 8, fuel_liters_added: 160 },
      }),
    ).toMatchObject({ code: 'log_changed' });
  });

  it('corrects a log still queued at this station, and needs a reason', () => {
    const logId = uuidv7();
    record(ex, TODAY, 8, 160, { log_id: logId });
    expect(
      refused('daily_log.correct', {
        log_id: logId,
        run_hours_added: 7,
        fuel_liters_added: 160,
        reason: ' ',
      }),
    ).toMatchObject({ code: 'invalid_input', message: 'Reason is required' });
    submit('daily_log.correct', {
      log_id: logId,
      run_hours_added: 7,
      fuel_liters_added: 160,
      reason: 'typo',
    });
    expect(pendingDelta(cache.reader, 'meter', ex)).toBe(7);
  });
});

describe('meter.reading and meter.replace', () => {
  it('refuses a reading out of time order, quoting the neighbours, and re-aligns with the latest', () => {
    submit('meter.reading', { asset_id: ex, read_at: '2026-11-24T18:00+03:00', reading: 1000 });
    expect(
      refused('meter.reading', { asset_id: ex, read_at: '2026-11-25T08:00+03:00', reading: 990 }),
    ).toMatchObject({
      code: 'reading_out_of_order',
      message:
        'A reading of 990 h on 2026-11-25 08:00 is below the reading before it (1,000 h on 2026-11-24 18:00). Readings must stay in time order.',
    });
    submit('meter.reading', { asset_id: ex, read_at: '2026-11-25T12:00+03:00', reading: 1004 });
    expect(pendingDelta(cache.reader, 'meter', ex)).toBe(4);
    expect(meterHistory(cache.reader, ex, 5, NOW)).toMatchObject({ meter: 1004, total: 1004, offset: 0 });
  });

  it('keeps the total continuous across a replaced meter', () => {
    submit('meter.replace', {
      asset_id: gen,
      replaced_at: '2026-11-24T10:00Z',
      old_final_reading: 500,
      new_start_reading: 0,
      reason: 'Meter failed',
    });
    submit('meter.reading', { asset_id: gen, read_at: '2026-11-25T06:00Z', reading: 12 });
    expect(meterHistory(cache.reader, gen, 5, NOW)).toMatchObject({ meter: 12, total: 512, offset: 500 });
  });
});

describe('the grid', () => {
  it('has one row per metered asset with yesterday, the normal and the log of the day', () => {
    record(gen, TODAY, 3, 0);
    const grid = dailyLogGrid(cache.reader, siteId, TODAY, NOW);
    expect(grid.site.code).toBe('SITE-1');
    expect(grid.day.status).toBe('open');
    const exRow = grid.rows.find((r) => r.asset_id === ex);
    expect(exRow).toMatchObject({ client_code: 'EX-101', tank_litres: 600, meter: 1000, log: null });
    expect(exRow?.yesterday).toEqual({ hours: 9, fuel: 180 });
    expect(exRow?.norms.hours?.days).toBe(8);
    const genRow = grid.rows.find((r) => r.asset_id === gen);
    expect(genRow?.log).toMatchObject({ hours: 3, state: 'queued' });
    expect(genRow?.meter).toBe(503);
  });

  it('saves the good rows at once, refuses the others whole and never queues a row twice', () => {
    log(gen, TODAY, 2, 0); // another station's log arrived meanwhile
    const rows = [
      { op_id: uuidv7(), log_id: uuidv7(), asset_id: ex, run_hours_added: 8, fuel_liters_added: 160 },
      { op_id: uuidv7(), log_id: uuidv7(), asset_id: gen, run_hours_added: 4, fuel_liters_added: 0 },
    ];
    const first = saveDailyLogGrid(cache, station, users.supervisor, TODAY, rows, NOW);
    expect(first.queued).toEqual([{ asset_id: ex, op_id: rows[0]?.op_id }]);
    expect(first.refused).toEqual([expect.objectContaining({ asset_id: gen, code: 'duplicate_daily_log' })]);
    const again = saveDailyLogGrid(cache, station, users.supervisor, TODAY, rows.slice(0, 1), NOW);
    expect(again).toEqual({ queued: [{ asset_id: ex, op_id: rows[0]?.op_id }], refused: [] });
    expect(cache.reader.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(1);
  });
});
