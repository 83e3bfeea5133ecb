// Work-order operations through amms_push on the real PostgreSQL: wo.create, wo.ready, wo.start,
// wo.task_result, wo.close, wo.cancel. The life cycle with roles, refusals a person can read,
// mandatory tasks blocking the close, follow-ups proposed for failed mandatory tasks, Agile Mode,
// and what closing or cancelling a PM work order does to its schedule (completion, late
// completion, skipping) and to the schedules folded into it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applied,
  buildMaintenanceFixture,
  engineFailures,
  insertMeteredAsset,
  insertSchedule,
  logHours,
  newId,
  push,
  rejected,
  scheduleRow,
  serverDay,
  setMeter,
  workOrdersOf,
  type Json,
  type MaintenanceFixture,
} from '../../helpers/maintenance-fixture.ts';

let f: MaintenanceFixture;
let today: string;

beforeAll(async () => {
  f = await buildMaintenanceFixture();
  today = await serverDay(f);
});

afterAll(async () => {
  await f.close();
});

afterEach(async () => {
  expect(await engineFailures(f)).toEqual([]);
  await setAgile(false);
});

async function setAgile(on: boolean): Promise<void> {
  await f.su.query(
    `UPDATE tenants SET settings = settings || jsonb_build_object('agile_mode', $2::boolean) WHERE id = $1`,
    [f.tenantId, on],
  );
}

interface TaskRow {
  id: string;
  seq: number;
  description: string;
  is_mandatory: boolean;
  result: string | null;
  result_value: string | null;
  note: string | null;
  follow_up_wo_id: string | null;
}

async function tasksOf(woId: string): Promise<TaskRow[]> {
  const { rows } = await f.su.query<TaskRow>(
    `SELECT id::text, seq, description, is_mandatory, result::text, result_value, note, follow_up_wo_id::text
       FROM wo_tasks WHERE wo_id = $1 ORDER BY seq`,
    [woId],
  );
  return rows;
}

async function woRow(id: string): Promise<Json> {
  const { rows } = await f.su.query<Json>(
    `SELECT code, status::text, origin::text, priority::text, assigned_to_user_id::text, created_by_user_id::text,
            cancel_reason, completion_meter::text, title, description, due_date::text
       FROM work_orders WHERE id = $1`,
    [id],
  );
  return rows[0] ?? {};
}

/** A corrective work order raised by the supervisor, with a checklist. */
async function corrective(
  assetId: string,
  tasks: { description: string; is_mandatory: boolean }[],
): Promise<string> {
  const wo_id = newId();
  await applied(f.station, 'wo.create', f.users.supervisor, {
    wo_id,
    asset_id: assetId,
    origin: 'cm',
    title: 'Replace the leaking boom cylinder seal',
    tasks,
  });
  return wo_id;
}

const CHECKLIST = [
  { description: 'Isolate and lock out the machine', is_mandatory: true },
  { description: 'Replace the seal kit', is_mandatory: true },
  { description: 'Record the boom drift test', is_mandatory: true },
  { description: 'Clean up', is_mandatory: false },
];

describe('the life cycle: create, ready, start, task results, close', () => {
  it('walks a corrective work order through its life with the roles that may do each step', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, CHECKLIST);
    expect(await woRow(wo)).toMatchObject({
      code: expect.stringMatching(/^WO-\d{6}$/) as unknown,
      status: 'draft',
      origin: 'cm',
      priority: 'normal',
      created_by_user_id: f.users.supervisor,
    });
    expect((await tasksOf(wo)).map((t) => [t.seq, t.description, t.is_mandatory])).toEqual(
      CHECKLIST.map((t, i) => [i + 1, t.description, t.is_mandatory]),
    );
    await applied(f.station, 'wo.ready', f.users.supervisor, {
      wo_id: wo,
      assigned_to_user_id: f.users.technician,
      due_date: today,
      priority: 'high',
    });
    expect(await woRow(wo)).toMatchObject({
      status: 'ready',
      assigned_to_user_id: f.users.technician,
      priority: 'high',
    });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    const [t1, t2, t3] = await tasksOf(wo);
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: t1?.id, result: 'pass' });
    await applied(f.station, 'wo.task_result', f.users.technician, {
      task_id: t2?.id,
      result: 'pass',
      note: 'Seal kit SK-220 from the van',
    });
    await applied(f.station, 'wo.task_result', f.users.technician, {
      task_id: t3?.id,
      result: 'input',
      value: '3 mm in 10 min',
    });
    const result = await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: wo });
    expect(result).toMatchObject({ status: 'closed', follow_ups: [], completed_schedules: [] });
    expect((await tasksOf(wo)).map((t) => [t.result, t.result_value, t.note])).toEqual([
      ['pass', null, null],
      ['pass', null, 'Seal kit SK-220 from the van'],
      ['input', '3 mm in 10 min', null],
      [null, null, null],
    ]);
  });

  it('refuses to close while a mandatory task has no result, naming each one', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, CHECKLIST);
    await applied(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    const [t1] = await tasksOf(wo);
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: t1?.id, result: 'pass' });
    const code = (await woRow(wo)).code as string;
    expect(
      await rejected(f.station, 'wo.close', f.users.supervisor, { wo_id: wo }, 'mandatory_tasks_open'),
    ).toBe(
      `${code} cannot be closed: 2 mandatory tasks have no result: 2. Replace the seal kit; 3. Record the boom drift test.`,
    );
    expect(await woRow(wo)).toMatchObject({ status: 'in_progress' });
  });

  it('proposes a follow-up corrective work order for each failed mandatory task when closing', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, CHECKLIST.slice(0, 2));
    await applied(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    const [t1, t2] = await tasksOf(wo);
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: t1?.id, result: 'pass' });
    await applied(f.station, 'wo.task_result', f.users.technician, {
      task_id: t2?.id,
      result: 'fail',
      note: 'Cylinder rod scored; seal will not hold',
    });
    const followUpId = newId();
    const result = await applied(f.station, 'wo.close', f.users.supervisor, {
      wo_id: wo,
      follow_ups: [{ task_id: t2?.id, wo_id: followUpId }],
    });
    const code = (await woRow(wo)).code as string;
    expect(result.follow_ups).toEqual([
      { task_id: t2?.id, seq: 2, wo_id: followUpId, code: expect.stringMatching(/^WO-\d{6}$/) as unknown },
    ]);
    expect(await woRow(followUpId)).toMatchObject({
      status: 'draft',
      origin: 'cm',
      priority: 'high',
      title: `Follow-up of ${code}: Replace the seal kit`,
      description: `Task 2 of ${code} failed: Replace the seal kit. Note: Cylinder rod scored; seal will not hold`,
    });
    expect((await tasksOf(wo))[1]?.follow_up_wo_id).toBe(followUpId);
  });

  it('takes a follow-up raised before closing (wo.create with follow_up_of_task_id) and proposes no second one', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, [{ description: 'Test the brakes', is_mandatory: true }]);
    await applied(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    const [task] = await tasksOf(wo);
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: task?.id, result: 'fail' });
    const followUp = newId();
    await applied(f.station, 'wo.create', f.users.supervisor, {
      wo_id: followUp,
      asset_id: asset,
      origin: 'cm',
      title: 'Reline the brakes',
      follow_up_of_task_id: task?.id,
    });
    expect(
      await rejected(
        f.station,
        'wo.task_result',
        f.users.technician,
        { task_id: task?.id, result: 'pass' },
        'follow_up_exists',
      ),
    ).toMatch(/^Task 1 failed and has its follow-up WO-\d{6}; it stays failed\.$/);
    const result = await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: wo });
    expect(result.follow_ups).toEqual([]);
    expect((await tasksOf(wo))[0]?.follow_up_wo_id).toBe(followUp);
  });

  it('cancels with a reason, and a cancelled work order takes nothing more', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, CHECKLIST);
    const code = (await woRow(wo)).code as string;
    expect(await rejected(f.station, 'wo.cancel', f.users.supervisor, { wo_id: wo }, 'missing_reason')).toBe(
      `Cancelling ${code} needs a reason.`,
    );
    await applied(f.station, 'wo.cancel', f.users.supervisor, { wo_id: wo, reason: 'Raised twice' });
    expect(await woRow(wo)).toMatchObject({ status: 'cancelled', cancel_reason: 'Raised twice' });
    expect(await rejected(f.station, 'wo.start', f.users.technician, { wo_id: wo }, 'wo_closed')).toBe(
      `${code} was cancelled (Raised twice); it cannot be started.`,
    );
  });
});

describe('refusals a person can read', () => {
  it('explains each transition that is not possible from where the work order is', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, [{ description: 'Check', is_mandatory: true }]);
    const code = (await woRow(wo)).code as string;
    const [task] = await tasksOf(wo);
    const cases: [string, string, Json, string, string][] = [
      [
        'wo.start',
        f.users.technician,
        { wo_id: wo },
        'wo_state',
        `${code} is a draft; it cannot be started (a supervisor readies it first, or turn Agile Mode on).`,
      ],
      [
        'wo.task_result',
        f.users.technician,
        { task_id: task?.id, result: 'pass' },
        'wo_state',
        `${code} is a draft; it cannot be given task results (start it first).`,
      ],
      [
        'wo.close',
        f.users.supervisor,
        { wo_id: wo },
        'wo_state',
        `${code} is a draft; it cannot be closed (it was never started).`,
      ],
    ];
    for (const [type, user, payload, reason, message] of cases)
      expect(await rejected(f.station, type, user, payload, reason)).toBe(message);
    await applied(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo });
    expect(await rejected(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo }, 'wo_state')).toBe(
      `${code} is ready; it cannot be readied (it is ready already).`,
    );
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    expect(await rejected(f.station, 'wo.start', f.users.technician, { wo_id: wo }, 'wo_state')).toMatch(
      new RegExp(
        `^${code} is in progress; it cannot be started \\(it was started on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\)\\.$`,
      ),
    );
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: task?.id, result: 'pass' });
    await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: wo });
    expect(await rejected(f.station, 'wo.close', f.users.supervisor, { wo_id: wo }, 'wo_closed')).toBe(
      `${code} was closed on ${today}; it cannot be closed.`,
    );
  });

  it('checks payloads and people in words', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, [{ description: 'Record the pressure', is_mandatory: true }]);
    await applied(f.station, 'wo.ready', f.users.supervisor, {
      wo_id: wo,
      assigned_to_user_id: f.users.technician,
    });
    const code = (await woRow(wo)).code as string;
    const [task] = await tasksOf(wo);
    const tech2 = f.names.get(f.users.technician2) ?? '';
    const tech1 = f.names.get(f.users.technician) ?? '';
    const cases: [string, string, Json, string, string][] = [
      [
        'wo.start',
        f.users.technician2,
        { wo_id: wo },
        'forbidden',
        `${code} is assigned to ${tech1}; ${tech2} (technician) cannot start it.`,
      ],
      [
        'wo.create',
        f.users.technician,
        { wo_id: newId(), asset_id: asset, origin: 'cm', title: 'x' },
        'forbidden',
        `${tech1} (technician) cannot raise work orders; a supervisor does (or turn Agile Mode on).`,
      ],
      [
        'wo.create',
        f.users.supervisor,
        { wo_id: newId(), asset_id: asset, origin: 'pm', title: 'x' },
        'invalid_field',
        'The origin must be one of cm, defect.',
      ],
      [
        'wo.create',
        f.users.supervisor,
        { wo_id: newId(), asset_id: asset, origin: 'cm' },
        'missing_field',
        'The title is missing.',
      ],
      [
        'wo.create',
        f.users.supervisor,
        { wo_id: wo, asset_id: asset, origin: 'cm', title: 'x' },
        'duplicate_id',
        'A work order with this id exists already.',
      ],
      [
        'wo.ready',
        f.users.supervisor,
        { wo_id: newId() },
        'unknown_work_order',
        'That work order does not exist.',
      ],
      [
        'wo.ready',
        f.users.supervisor,
        { wo_id: wo, assigned_to_user_id: f.users.storekeeper },
        'not_a_technician',
        `${f.names.get(f.users.storekeeper) ?? ''} is a storekeeper; work orders are assigned to technicians.`,
      ],
      [
        'wo.task_result',
        f.users.technician,
        { task_id: task?.id, result: 'maybe' },
        'invalid_field',
        'The result must be one of pass, fail, input.',
      ],
      [
        'wo.cancel',
        f.users.technician,
        { wo_id: wo, reason: 'x' },
        'forbidden',
        `${tech1} (technician) is not allowed to do this (wo.cancel).`,
      ],
      [
        'wo.close',
        f.users.operator,
        { wo_id: wo },
        'forbidden',
        `${f.names.get(f.users.operator) ?? ''} (operator) is not allowed to do this (wo.close).`,
      ],
    ];
    for (const [type, user, payload, reason, message] of cases)
      expect(await rejected(f.station, type, user, payload, reason)).toBe(message);
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    expect(
      await rejected(
        f.station,
        'wo.task_result',
        f.users.technician,
        { task_id: task?.id, result: 'input' },
        'missing_value',
      ),
    ).toBe('Task 1 (Record the pressure) needs the value that was read.');
    expect(
      await rejected(
        f.station,
        'wo.task_result',
        f.users.technician2,
        { task_id: task?.id, result: 'pass' },
        'forbidden',
      ),
    ).toBe(`${code} is assigned to ${tech1}; ${tech2} (technician) cannot record results on it.`);
  });

  it('changes nothing when it refuses', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    const wo = await corrective(asset, [{ description: 'Check', is_mandatory: true }]);
    const before = await f.su.query(
      `SELECT (SELECT count(*) FROM work_orders) AS w, (SELECT count(*) FROM wo_tasks) AS t,
              (SELECT count(*) FROM audit_logs) AS a`,
    );
    await push(f.station, 'wo.close', f.users.supervisor, { wo_id: wo });
    await push(f.station, 'wo.create', f.users.supervisor, {
      wo_id: newId(),
      asset_id: asset,
      origin: 'cm',
      title: 'With a bad task',
      tasks: [{ description: 'Fine' }, { description: '   ' }],
    });
    const after = await f.su.query(
      `SELECT (SELECT count(*) FROM work_orders) AS w, (SELECT count(*) FROM wo_tasks) AS t,
              (SELECT count(*) FROM audit_logs) AS a`,
    );
    expect(after.rows).toEqual(before.rows);
  });
});

describe('Agile Mode', () => {
  it('lets a technician raise a work order (assigned to them) and start a draft; closing stays a supervisor’s', async () => {
    const { id: asset } = await insertMeteredAsset(f, 3_000);
    await setAgile(true);
    const wo = newId();
    const result = await applied(f.station, 'wo.create', f.users.technician, {
      wo_id: wo,
      asset_id: asset,
      origin: 'defect',
      title: 'Hydraulic hose burst at the boom',
      tasks: [{ description: 'Replace the hose', is_mandatory: true }],
    });
    expect(result).toMatchObject({ status: 'draft', assigned_to_user_id: f.users.technician });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    expect(await woRow(wo)).toMatchObject({ status: 'in_progress' });
    const [task] = await tasksOf(wo);
    await applied(f.station, 'wo.task_result', f.users.technician, { task_id: task?.id, result: 'pass' });
    await rejected(f.station, 'wo.close', f.users.technician, { wo_id: wo }, 'forbidden');
    await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: wo });
  });
});

describe('closing and cancelling PM work orders', () => {
  async function dueExcavator(): Promise<{
    asset: string;
    s250: string;
    s500: string;
    wo: string;
    code: string;
  }> {
    const { id: asset } = await insertMeteredAsset(f, 12_490);
    const s250 = await insertSchedule(f, asset, {
      name: '250 h service',
      interval_meter: 250,
      last_performed_meter: 12_260,
      last_performed_date: '2026-03-01',
    });
    const s500 = await insertSchedule(f, asset, {
      name: '500 h service',
      interval_meter: 500,
      last_performed_meter: 12_010,
      last_performed_date: '2026-01-20',
      tasks: [{ description: 'Replace fuel filters', is_mandatory: true }],
    });
    await logHours(f, asset, await serverDay(f, -1), 22);
    const [wo] = await workOrdersOf(f, asset);
    return { asset, s250, s500, wo: wo?.id ?? '', code: wo?.code ?? '' };
  }

  async function doTheWork(wo: string): Promise<void> {
    await applied(f.station, 'wo.ready', f.users.supervisor, { wo_id: wo });
    await applied(f.station, 'wo.start', f.users.technician, { wo_id: wo });
    for (const task of await tasksOf(wo))
      await applied(f.station, 'wo.task_result', f.users.technician, { task_id: task.id, result: 'pass' });
  }

  it('completion restarts the schedule and the ones folded into it from the completion; re-runs generate nothing', async () => {
    const x = await dueExcavator();
    await doTheWork(x.wo);
    const result = await applied(f.station, 'wo.close', f.users.supervisor, {
      wo_id: x.wo,
      completion_meter: 12_515,
    });
    // The station's reading is higher than the server's (12,512 h): the server's is kept.
    expect(result).toMatchObject({ completion_meter: 12512, completed_on: today });
    expect(result.completed_schedules).toEqual([
      { schedule_id: x.s500, schedule: '500 h service', kind: 'done', cycle: 1 },
      { schedule_id: x.s250, schedule: '250 h service', kind: 'folded', cycle: 1 },
    ]);
    for (const id of [x.s500, x.s250]) {
      expect(await scheduleRow(f, id)).toMatchObject({
        cycle: 2,
        suppressed_by_schedule_id: null,
        last_performed_date: today,
        last_performed_meter: '12512.00',
        base_date: today,
        base_meter: '12512.00',
      });
    }
    expect((await scheduleRow(f, x.s500)).why).toBe(
      `Next at 13,012 h (now 12,512 h); last done at 12,512 h on ${today}.`,
    );
    expect((await scheduleRow(f, x.s250)).why).toBe(
      `Next at 12,762 h (now 12,512 h); last done at 12,512 h on ${today}.`,
    );
    const { rows } = await f.su.query<Json>(
      `SELECT schedule_id::text, cycle, kind, wo_id::text, via_schedule_id::text, completed_on::text, meter::text
         FROM pm_completions WHERE wo_id = $1 ORDER BY kind`,
      [x.wo],
    );
    expect(rows).toEqual([
      {
        schedule_id: x.s500,
        cycle: 1,
        kind: 'done',
        wo_id: x.wo,
        via_schedule_id: null,
        completed_on: today,
        meter: '12512.00',
      },
      {
        schedule_id: x.s250,
        cycle: 1,
        kind: 'folded',
        wo_id: x.wo,
        via_schedule_id: x.s500,
        completed_on: today,
        meter: '12512.00',
      },
    ]);
    const { rows: again } = await f.su.query<{ g: unknown[] }>(
      'SELECT amms_private.pm_run(current_date) AS g',
    );
    expect(again[0]?.g).toEqual([]);
    expect(await workOrdersOf(f, x.asset)).toHaveLength(1);
  });

  it('a late completion moves the next cycle: it counts from the completion, not from when it was due', async () => {
    const x = await dueExcavator();
    await doTheWork(x.wo);
    await setMeter(f, x.asset, 12_600); // done 90 h late
    await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: x.wo, completion_meter: 12_598 });
    expect(await scheduleRow(f, x.s500)).toMatchObject({
      last_performed_meter: '12598.00',
      due_meter: '13098.00',
    });
  });

  it('closing twice completes once', async () => {
    const x = await dueExcavator();
    await doTheWork(x.wo);
    await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: x.wo });
    await rejected(f.station, 'wo.close', f.users.supervisor, { wo_id: x.wo }, 'wo_closed');
    const { rows } = await f.su.query('SELECT count(*)::int AS n FROM pm_completions WHERE wo_id = $1', [
      x.wo,
    ]);
    expect(rows).toEqual([{ n: 2 }]); // the 500 h done, the 250 h folded
    expect((await scheduleRow(f, x.s500)).cycle).toBe(2);
  });

  it('cancelling skips the cycle from its planned point and hands the folded service back to its own cycle', async () => {
    const x = await dueExcavator();
    const result = await applied(f.station, 'wo.cancel', f.users.supervisor, {
      wo_id: x.wo,
      reason: 'Machine leaves for the workshop in Mombasa; serviced there',
    });
    expect(result.skipped_schedules).toEqual([
      { schedule_id: x.s500, schedule: '500 h service', kind: 'skipped', cycle: 1 },
    ]);
    expect(await scheduleRow(f, x.s500)).toMatchObject({
      cycle: 2,
      last_performed_meter: '12010.00', // nothing was performed
      base_meter: '12510.00', // the skipped service's planned point
      due_meter: '13010.00',
    });
    expect((await scheduleRow(f, x.s500)).why).toBe(
      'Next at 13,010 h (now 12,512 h); last done at 12,010 h on 2026-01-20, then skipped once (the cycle counts from 12,510 h).',
    );
    // The 250 h service was folded into the cancelled one: it is due on its own again.
    const wos = await workOrdersOf(f, x.asset);
    expect(wos.map((w) => [w.pm_schedule_id, w.status])).toEqual([
      [x.s500, 'cancelled'],
      [x.s250, 'draft'],
    ]);
    expect((await scheduleRow(f, x.s250)).suppressed_by_schedule_id).toBeNull();
  });

  it('a meter correction after the work started keeps the work order in progress', async () => {
    const x = await dueExcavator();
    await doTheWork(x.wo);
    await setMeter(f, x.asset, 12_400);
    expect((await workOrdersOf(f, x.asset)).map((w) => w.status)).toEqual(['in_progress']);
    await applied(f.station, 'wo.close', f.users.supervisor, { wo_id: x.wo });
    expect(await scheduleRow(f, x.s500)).toMatchObject({ last_performed_meter: '12400.00', cycle: 2 });
  });
});
