// The maintenance operations and reads on the station, against a real SQLite station cache in a
// temporary folder (mirror rows written as the sync engine leaves them): the work-order life cycle
// through the overlay (queued transitions and task results shown at once, refusals worded as the
// server words them), work orders and requests raised here before they sync, triage, the PM board's
// buckets, the asset card, and Lookup by name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../cache/station-cache.ts';
import { lookupCode } from '../core/lookup.ts';
import { OpError } from '../core/errors.ts';
import { submitOperation, type SubmitInput } from '../ops/submit.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import { buildingId, NAMES, NOW, siteId, station, tenantId, users } from '../../test/helpers/ops-test-ids.ts';
import { assetCard } from './reads/asset-card.ts';
import { pmBoard } from './reads/pm-board.ts';
import { requestDetail, requestQueue } from './reads/requests.ts';
import { workOrderDetail } from './reads/work-order-detail.ts';
import { workOrderList } from './reads/work-order-list.ts';

type Row = Record<string, string | number | null>;

let dir: string;
let cache: StationCache;
const tech2 = uuidv7();
const excavator = uuidv7();
const wo = uuidv7();
const tasks = [uuidv7(), uuidv7(), uuidv7()];

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

function user(id: string, role: UserRole, fullName: string): void {
  mirror('users', {
    id,
    email: `${id}@example.test`,
    full_name: fullName,
    role,
    password_hash: 'scrypt$x',
    site_id: siteId,
    is_active: 1,
  });
}

function schedule(row: Row): string {
  const id = uuidv7();
  mirror('pm_schedules', {
    id,
    asset_id: excavator,
    interval_days: null,
    interval_meter: null,
    last_performed_date: null,
    last_performed_meter: null,
    suppressed_by_schedule_id: null,
    is_active: 1,
    meter: 'run_hours',
    cycle: 1,
    due_date: null,
    due_meter: null,
    forecast_date: null,
    why: null,
    ...row,
  });
  return id;
}

function submit(type: SubmitInput['type'], user: string, payload: unknown): void {
  submitOperation(STATION_OPERATIONS, cache, station, { type, userId: user, payload }, NOW);
}

function refusal(
  type: SubmitInput['type'],
  user: string,
  payload: unknown,
): { code: string; message: string } {
  try {
    submit(type, user, payload);
  } catch (error) {
    if (error instanceof OpError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${type} was queued`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-maintenance-'));
  cache = StationCache.open(dir);
  cache.transaction(() => {
    mirror('tenants', { id: tenantId, slug: 'acme', name: 'Acme', settings: '{"agile_mode": false}' });
    mirror('locations', {
      id: siteId,
      parent_id: null,
      name: 'Nairobi',
      type: 'site',
      code: 'SITE-1',
      site_id: siteId,
      is_active: 1,
    });
    mirror('locations', {
      id: buildingId,
      parent_id: siteId,
      name: 'Workshop',
      type: 'building',
      code: 'BLD-1',
      site_id: siteId,
      is_active: 1,
    });
    for (const role of Object.keys(users) as UserRole[]) user(users[role], role, NAMES[role]);
    user(tech2, 'technician', 'Tom Tech');
    mirror('assets', {
      id: excavator,
      parent_id: null,
      location_id: buildingId,
      name: 'Komatsu PC200 excavator',
      category: 'Earthmoving',
      make: 'Komatsu',
      model: 'PC200',
      serial_number: 'KMT-1',
      status: 'in_service',
    });
    mirror('asset_identities', {
      id: uuidv7(),
      asset_id: excavator,
      client_code: 'EX-101',
      qr_token: null,
      barcode_manufacturer: null,
    });
    mirror('asset_meters', {
      id: uuidv7(),
      asset_id: excavator,
      current_run_hours: 12_500,
      current_odometer: null,
      last_updated_at: '2026-11-24T18:30:00.000000Z',
    });
    mirror('asset_usage', {
      id: uuidv7(),
      asset_id: excavator,
      run_hours_per_day: 12,
      run_hours_days: 60,
      odometer_per_day: null,
      odometer_days: null,
    });
    mirror('work_orders', {
      id: wo,
      code: 'WO-000124',
      asset_id: excavator,
      pm_schedule_id: null,
      status: 'draft',
      origin: 'cm',
      priority: 'normal',
      title: 'Replace the boom seal',
      description: null,
      assigned_to_user_id: users.technician,
      due_date: '2026-11-20',
      started_at: null,
      closed_at: null,
      pm_cycle: null,
      pm_why: null,
      cancel_reason: null,
      created_by_user_id: users.supervisor,
      completion_meter: null,
    });
    ['Isolate the machine', 'Replace the seal kit', 'Clean up'].forEach((description, i) => {
      mirror('wo_tasks', {
        id: tasks[i] ?? '',
        wo_id: wo,
        seq: i + 1,
        description,
        is_mandatory: i < 2 ? 1 : 0,
        result: null,
        result_value: null,
        completed_by_user_id: null,
        completed_at: null,
        note: null,
        follow_up_wo_id: null,
      });
    });
    mirror('parts', {
      id: uuidv7(),
      sku: 'HYD-HOSE-12',
      name: 'Hydraulic hose 1/2 in, 2 m',
      category: 'Hoses',
      min_level: 0,
      unit: 'piece',
      unit_cost: 30,
      barcode: null,
      is_active: 1,
    });
  });
  cache.createMirrorIndexes();
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the work-order life cycle at the station', () => {
  it('shows queued transitions and results at once, and refuses what the server would refuse, in its words', () => {
    expect(refusal('wo.start', users.technician, { wo_id: wo })).toEqual({
      code: 'wo_state',
      message:
        'WO-000124 is a draft; it cannot be started (a supervisor readies it first, or turn Agile Mode on).',
    });
    submit('wo.ready', users.supervisor, { wo_id: wo });
    expect(refusal('wo.start', tech2, { wo_id: wo })).toEqual({
      code: 'forbidden',
      message: 'WO-000124 is assigned to Tia Tech; Tom Tech (technician) cannot start it.',
    });
    submit('wo.start', users.technician, { wo_id: wo });
    submit('wo.task_result', users.technician, { task_id: tasks[0], result: 'pass' });
    expect(refusal('wo.close', users.supervisor, { wo_id: wo })).toEqual({
      code: 'mandatory_tasks_open',
      message: 'WO-000124 cannot be closed: 1 mandatory task has no result: 2. Replace the seal kit.',
    });
    submit('wo.task_result', users.technician, { task_id: tasks[1], result: 'fail', note: 'Rod scored' });
    const detail = workOrderDetail(cache.reader, wo, tenantId, NOW);
    expect(detail.row).toMatchObject({ status: 'in_progress', pending: true, tasks_done: 2, overdue: true });
    expect(detail.tasks.map((t) => [t.seq, t.result, t.note, t.pending])).toEqual([
      [1, 'pass', null, true],
      [2, 'fail', 'Rod scored', true],
      [3, null, null, false],
    ]);
    submit('wo.close', users.supervisor, { wo_id: wo, follow_ups: [{ task_id: tasks[1], wo_id: uuidv7() }] });
    expect(workOrderList(cache.reader, {}, NOW).rows).toEqual([]);
    expect(refusal('wo.cancel', users.supervisor, { wo_id: wo, reason: 'x' })).toEqual({
      code: 'wo_closed',
      message: 'WO-000124 was closed; it cannot be cancelled.',
    });
  });

  it('with Agile Mode a technician raises a work order and starts the draft; it is listed before it syncs', () => {
    expect(
      refusal('wo.create', users.technician, {
        wo_id: uuidv7(),
        asset_id: excavator,
        origin: 'defect',
        title: 'Hose burst',
      }).message,
    ).toBe('Tia Tech (technician) cannot raise work orders; a supervisor does (or turn Agile Mode on).');
    cache.writer.prepare('UPDATE tenants SET settings = ?').run(JSON.stringify({ agile_mode: true }));
    const id = uuidv7();
    submit('wo.create', users.technician, {
      wo_id: id,
      asset_id: excavator,
      origin: 'defect',
      title: 'Hydraulic hose burst at the boom',
      tasks: [{ description: 'Replace the hose', is_mandatory: true }],
    });
    submit('wo.start', users.technician, { wo_id: id });
    const row = workOrderList(cache.reader, { asset_id: excavator }, NOW).rows.find((r) => r.id === id);
    expect(row).toMatchObject({
      code: null,
      status: 'in_progress',
      pending: true,
      assigned_to_name: 'Tia Tech',
      mandatory_open: 1,
    });
  });
});

describe('service requests at the station', () => {
  it('files a request with a photo, shows it for triage with its possible duplicates, and converts it', () => {
    const request = uuidv7();
    submit('service_request.file', users.operator, {
      request_id: request,
      asset_id: excavator,
      description: 'Oil dripping from the boom cylinder',
      photo: { content_type: 'image/png', data: 'iVBORw0KGgo=' },
    });
    expect(requestQueue(cache.reader).rows).toEqual([
      expect.objectContaining({
        id: request,
        asset_label: 'EX-101',
        reported_by: 'Otto Operator',
        has_photo: true,
        pending: true,
        duplicates: 1,
      }),
    ]);
    const detail = requestDetail(cache.reader, request);
    expect(detail.photo).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(detail.duplicates).toEqual([
      {
        kind: 'work_order',
        id: wo,
        label: 'WO-000124',
        status: 'draft',
        description: 'Replace the boom seal',
      },
    ]);
    submit('service_request.convert', users.supervisor, { request_id: request, existing_wo_id: wo });
    expect(requestQueue(cache.reader).rows).toEqual([]);
    expect(
      refusal('service_request.reject', users.supervisor, { request_id: request, reason: 'x' }).code,
    ).toBe('request_triaged');
  });
});

describe('the PM board and the asset card', () => {
  it('sorts schedules into overdue, this week, this month and folded, and counts the rest', () => {
    const s500 = schedule({ name: '500 h service', interval_meter: 500, due_meter: 12_400, why: 'WO open' });
    schedule({
      name: '250 h service',
      interval_meter: 250,
      suppressed_by_schedule_id: s500,
      due_meter: 12_450,
    });
    mirror('work_orders', {
      id: uuidv7(),
      code: 'WO-000125',
      asset_id: excavator,
      pm_schedule_id: s500,
      status: 'draft',
      origin: 'pm',
      priority: 'normal',
      title: '500 h service: EX-101',
      description: null,
      assigned_to_user_id: null,
      due_date: '2026-11-25',
      started_at: null,
      closed_at: null,
      pm_cycle: 1,
      pm_why: 'why',
      cancel_reason: null,
      created_by_user_id: null,
      completion_meter: null,
    });
    schedule({ name: 'Weekly inspection', interval_days: 7, due_date: '2026-11-30' });
    schedule({
      name: '1000 h service',
      interval_meter: 1000,
      due_meter: 12_800,
      forecast_date: '2026-12-20',
    });
    schedule({ name: 'Annual inspection', interval_days: 365, due_date: '2027-06-01' });
    const board = pmBoard(cache.reader, siteId, NOW);
    expect(board.rows.map((r) => [r.bucket, r.name])).toEqual([
      ['overdue', '500 h service'],
      ['week', 'Weekly inspection'],
      ['month', '1000 h service'],
      ['suppressed', '250 h service'],
    ]);
    expect(board.counts).toMatchObject({ overdue: 1, week: 1, month: 1, suppressed: 1, later: 1 });
    expect(board.rows[0]?.open_wo?.code).toBe('WO-000125');

    const card = assetCard(cache.reader, excavator, siteId, NOW);
    expect(card).toMatchObject({
      name: 'Komatsu PC200 excavator',
      codes: [{ label: 'Client code', value: 'EX-101' }],
      location_path: ['Nairobi', 'Workshop'],
      meters: [{ label: 'Run hours', value: 12_500, unit: 'h', per_day: 12, per_day_days: 60, pending: 0 }],
      in_transit: null,
    });
    expect(card.schedules).toHaveLength(5);
    expect(card.work_orders.map((w) => w.code).sort()).toEqual(['WO-000124', 'WO-000125']);
  });

  it('lists the most urgent of each bucket up to the limit and still counts them all', () => {
    for (const day of ['2026-11-25', '2026-11-10', '2026-11-20']) {
      schedule({ name: `Inspection due ${day}`, interval_days: 7, due_date: day });
    }
    schedule({ name: 'Weekly inspection', interval_days: 7, due_date: '2026-11-30' });
    schedule({ name: 'Annual inspection', interval_days: 365, due_date: '2027-06-01' });
    schedule({ name: 'Old inspection', interval_days: 7, due_date: '2026-11-01', is_active: 0 });

    const board = pmBoard(cache.reader, siteId, NOW, { limit: 2 });
    expect(board.rows.map((r) => [r.bucket, r.next_due])).toEqual([
      ['overdue', '2026-11-10'],
      ['overdue', '2026-11-20'],
      ['week', '2026-11-30'],
    ]);
    expect(board.counts).toEqual({ overdue: 3, week: 1, month: 0, suppressed: 0, later: 1, inactive: 1 });

    const all = pmBoard(cache.reader, siteId, NOW, { assetId: excavator, all: true, limit: 1 });
    expect(all.rows.map((r) => [r.bucket, r.name])).toEqual([
      ['overdue', 'Inspection due 2026-11-10'],
      ['week', 'Weekly inspection'],
      ['later', 'Annual inspection'],
      ['inactive', 'Old inspection'],
    ]);
    expect(all.counts.overdue).toBe(3);
  });
});

describe('Lookup by name', () => {
  it('finds assets and parts by part of their name when no code matches', () => {
    const byName = lookupCode(cache.reader, 'excavator');
    expect(byName.matches.map((m) => [m.kind, m.title, m.matchedBy])).toEqual([
      ['asset', 'Komatsu PC200 excavator', 'name'],
    ]);
    expect(lookupCode(cache.reader, 'hydraulic hose').matches.map((m) => m.title)).toEqual([
      'Hydraulic hose 1/2 in, 2 m',
    ]);
    expect(lookupCode(cache.reader, 'EX-101').matches[0]?.matchedBy).toBe('client code');
    expect(lookupCode(cache.reader, 'zzzzzz').status).toBe('not_found');
  });
});
