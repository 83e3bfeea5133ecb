// workOrders.detail: one work order for the Work orders screen: its row (as the list shows it),
// its checklist with queued results on top, the parts used on it (queued ones too), the service
// requests it came from, and for a PM work order the engine's sentences and the meter now.
import type { CacheDb } from '../../cache/db.ts';
import type { WoTask, WorkOrderDetail } from '../../../src-preload/contract/maintenance/work-order-reads.ts';
import { OpError } from '../../core/errors.ts';
import { pendingData, pendingDelta, pendingRecords } from '../../ops/overlay.ts';
import { agileMode } from '../../ops/work-order-checks.ts';
import type { PendingWorkOrder } from '../ops/work-order-state.ts';
import { localDay, METER_UNITS, pendingStateIds } from './labels.ts';
import { finishRow, localWorkOrderRow, queuedResults, WORK_ORDER_COLUMNS } from './work-order-list.ts';

interface Header {
  description: string | null;
  created_by: string | null;
  started_at: string | null;
  closed_at: string | null;
  cancel_reason: string | null;
  pm_why: string | null;
  schedule_name: string | null;
  schedule_why: string | null;
  meter: string | null;
}

interface TaskRow {
  id: string;
  seq: number;
  description: string;
  is_mandatory: number;
  result: WoTask['result'];
  result_value: string | null;
  note: string | null;
  completed_by: string | null;
  follow_up_code: string | null;
}

interface QueuedResult {
  result: NonNullable<WoTask['result']>;
  value: string | null;
  note: string | null;
  by: string;
}

function tasksOf(db: CacheDb, woId: string): WoTask[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.seq, t.description, t.is_mandatory, t.result, t.result_value, t.note,
              u.full_name AS completed_by, f.code AS follow_up_code
         FROM wo_tasks t
         LEFT JOIN users u ON u.id = t.completed_by_user_id
         LEFT JOIN work_orders f ON f.id = t.follow_up_wo_id
        WHERE t.wo_id = ? ORDER BY t.seq`,
    )
    .all(woId) as TaskRow[];
  const who = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck();
  return rows.map((t) => {
    const queued = pendingData<QueuedResult>(db, 'task_result', t.id).at(-1);
    return {
      id: t.id,
      seq: t.seq,
      description: t.description,
      is_mandatory: t.is_mandatory === 1,
      result: queued?.result ?? t.result,
      value: queued ? queued.value : t.result_value,
      note: queued ? queued.note : t.note,
      pending: queued !== undefined,
      completed_by: queued ? ((who.get(queued.by) as string | undefined) ?? null) : t.completed_by,
      follow_up_code: t.follow_up_code,
    };
  });
}

function consumed(db: CacheDb, woId: string): WorkOrderDetail['consumed'] {
  const rows = db
    .prepare(
      `SELECT p.sku, p.name, c.qty_used AS qty, p.unit, 0 AS pending
         FROM wo_consumables c JOIN parts p ON p.id = c.part_id WHERE c.wo_id = ? ORDER BY c.consumed_at`,
    )
    .all(woId) as (Omit<WorkOrderDetail['consumed'][number], 'pending'> & { pending: number })[];
  const part = db.prepare('SELECT sku, name, unit FROM parts WHERE id = ?');
  const queued = pendingData<{ part_id: string; qty: number }>(db, 'consumable', woId).map((c) => {
    const p = part.get(c.part_id) as { sku: string; name: string; unit: string } | undefined;
    return { sku: p?.sku ?? '?', name: p?.name ?? 'a part', qty: c.qty, unit: p?.unit ?? '', pending: true };
  });
  return [...rows.map((r) => ({ ...r, pending: r.pending === 1 })), ...queued];
}

export function workOrderDetail(db: CacheDb, woId: string, tenantId: string, now: Date): WorkOrderDetail {
  const today = localDay(now);
  const queued = pendingStateIds(db, 'work_order');
  const results = queuedResults(db);
  const agile = agileMode(db, tenantId);
  const row = db.prepare(`SELECT ${WORK_ORDER_COLUMNS} WHERE w.id = ?`).get(woId) as
    Parameters<typeof finishRow>[1] | undefined;
  if (!row) {
    const local = pendingRecords<PendingWorkOrder>(db, 'work_order_new').find((r) => r.key === woId)?.data;
    if (!local) throw new OpError('unknown_work_order', 'That work order does not exist.');
    return {
      row: finishRow(db, localWorkOrderRow(db, local), queued, results, today, true),
      description: local.description ?? null,
      created_by:
        (db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(local.created_by) as
          string | undefined) ?? null,
      started_at: null,
      closed_at: null,
      cancel_reason: null,
      pm_why: null,
      schedule_name: null,
      schedule_why: null,
      meter_now: null,
      meter_unit: null,
      tasks: (local.tasks ?? []).map((t, i) => ({
        id: `${woId}:${i + 1}`,
        seq: i + 1,
        description: t.description,
        is_mandatory: t.is_mandatory === true,
        result: null,
        value: null,
        note: null,
        pending: true,
        completed_by: null,
        follow_up_code: null,
      })),
      consumed: [],
      requests: [],
      agile_mode: agile,
    };
  }
  const header = db
    .prepare(
      `SELECT w.description, c.full_name AS created_by, w.started_at, w.closed_at, w.cancel_reason, w.pm_why,
              s.name AS schedule_name, s.why AS schedule_why, s.meter
         FROM work_orders w
         LEFT JOIN users c ON c.id = w.created_by_user_id
         LEFT JOIN pm_schedules s ON s.id = w.pm_schedule_id
        WHERE w.id = ?`,
    )
    .get(woId) as Header;
  let meterNow: number | null = null;
  if (header.meter !== null) {
    const meters = db
      .prepare('SELECT current_run_hours, current_odometer FROM asset_meters WHERE asset_id = ?')
      .get(row.asset_id) as { current_run_hours: number; current_odometer: number | null } | undefined;
    meterNow =
      header.meter === 'odometer'
        ? (meters?.current_odometer ?? null)
        : meters
          ? meters.current_run_hours + pendingDelta(db, 'meter', row.asset_id)
          : null;
  }
  const requests = db
    .prepare(
      `SELECT r.id, r.description, u.full_name AS reported_by,
              EXISTS (SELECT 1 FROM service_request_photos p WHERE p.request_id = r.id) AS has_photo
         FROM service_requests r JOIN users u ON u.id = r.reported_by_user_id
        WHERE r.converted_wo_id = ? ORDER BY r.created_at`,
    )
    .all(woId) as { id: string; description: string; reported_by: string; has_photo: number }[];
  return {
    row: finishRow(db, row, queued, results, today, false),
    description: header.description,
    created_by: header.created_by,
    started_at: header.started_at,
    closed_at: header.closed_at,
    cancel_reason: header.cancel_reason,
    pm_why: header.pm_why,
    schedule_name: header.schedule_name,
    schedule_why: header.schedule_why,
    meter_now: meterNow,
    meter_unit: header.meter === null ? null : (METER_UNITS[header.meter] ?? null),
    tasks: tasksOf(db, woId),
    consumed: consumed(db, woId),
    requests: requests.map((r) => ({ ...r, has_photo: r.has_photo === 1 })),
    agile_mode: agile,
  };
}
