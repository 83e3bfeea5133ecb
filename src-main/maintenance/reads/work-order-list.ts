// workOrders.list: the site's work orders (the cache holds those of the site's assets) that are
// open, with queued changes applied, and those raised here and not synced yet; overdue first, then
// in progress, ready, draft; filtered by asset, origin and assignee.
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type {
  workOrderListParamsSchema,
  WorkOrderRow,
} from '../../../src-preload/contract/maintenance/work-order-reads.ts';
import { pendingRecords } from '../../ops/overlay.ts';
import type { PendingWorkOrder } from '../ops/work-order-state.ts';
import { ASSET_LABEL, localDay, pendingStateIds, shownState } from './labels.ts';

type Params = z.output<typeof workOrderListParamsSchema>;

const STATUS_ORDER: Readonly<Record<string, number>> = {
  in_progress: 0,
  ready: 1,
  draft: 2,
  closed: 3,
  cancelled: 4,
};

type Row = Omit<WorkOrderRow, 'pending' | 'overdue'>;

export const WORK_ORDER_COLUMNS = `w.id, w.code, w.title, w.status, w.origin, w.priority, w.asset_id,
       ${ASSET_LABEL} AS asset_label, w.assigned_to_user_id AS assigned_to_id, u.full_name AS assigned_to_name,
       w.due_date,
       (SELECT count(*) FROM wo_tasks t WHERE t.wo_id = w.id) AS tasks_total,
       (SELECT count(*) FROM wo_tasks t WHERE t.wo_id = w.id AND t.result IS NOT NULL) AS tasks_done,
       (SELECT count(*) FROM wo_tasks t WHERE t.wo_id = w.id AND t.is_mandatory AND t.result IS NULL) AS mandatory_open
  FROM work_orders w
  JOIN assets a ON a.id = w.asset_id
  LEFT JOIN users u ON u.id = w.assigned_to_user_id`;

/** Queued task results per work order (their task ids), to count them as done. */
function queuedResults(db: CacheDb): Map<string, Set<string>> {
  const byWo = new Map<string, Set<string>>();
  for (const { key, data } of pendingRecords<{ wo_id: string }>(db, 'task_result')) {
    const set = byWo.get(data.wo_id) ?? new Set<string>();
    byWo.set(data.wo_id, set.add(key));
  }
  return byWo;
}

/** A work order raised at this station, as a list row. */
export function localWorkOrderRow(db: CacheDb, record: PendingWorkOrder): Row {
  const asset = db
    .prepare(`SELECT ${ASSET_LABEL} AS label FROM assets a WHERE a.id = ?`)
    .get(record.asset_id) as { label: string } | undefined;
  const assignee = record.assigned_to_user_id
    ? (db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(record.assigned_to_user_id) as
        string | undefined)
    : undefined;
  const tasks = record.tasks ?? [];
  return {
    id: record.wo_id,
    code: null,
    title: record.title,
    status: 'draft',
    origin: record.origin as Row['origin'],
    priority: record.priority ?? 'normal',
    asset_id: record.asset_id,
    asset_label: asset?.label ?? 'an asset',
    assigned_to_id: record.assigned_to_user_id ?? null,
    assigned_to_name: assignee ?? null,
    due_date: record.due_date ?? null,
    tasks_total: tasks.length,
    tasks_done: 0,
    mandatory_open: tasks.filter((t) => t.is_mandatory === true).length,
  };
}

export function finishRow(
  db: CacheDb,
  row: Row,
  queued: Set<string>,
  results: Map<string, Set<string>>,
  today: string,
  local: boolean,
): WorkOrderRow {
  const shown = shownState(db, 'work_order', queued, row.id, row.status);
  const done = results.get(row.id)?.size ?? 0;
  const open = shown.state === 'draft' || shown.state === 'ready' || shown.state === 'in_progress';
  return {
    ...row,
    status: shown.state as WorkOrderRow['status'],
    pending: local || shown.pending || done > 0,
    tasks_done: Math.min(row.tasks_total, row.tasks_done + done),
    overdue: open && row.due_date !== null && row.due_date < today,
  };
}

export function workOrderList(
  db: CacheDb,
  params: Params,
  now: Date,
): { rows: WorkOrderRow[]; today: string } {
  const today = localDay(now);
  const where: string[] = [
    params.include_closed
      ? `(w.status IN ('draft', 'ready', 'in_progress') OR w.closed_at >= ? OR (w.status = 'cancelled' AND w.updated_at >= ?))`
      : `w.status IN ('draft', 'ready', 'in_progress')`,
  ];
  const args: (string | number)[] = params.include_closed ? [localDay(now, -30), localDay(now, -30)] : [];
  if (params.asset_id !== undefined) {
    where.push('w.asset_id = ?');
    args.push(params.asset_id);
  }
  if (params.origin !== undefined) {
    where.push('w.origin = ?');
    args.push(params.origin);
  }
  if (params.assignee_id !== undefined) {
    where.push('w.assigned_to_user_id = ?');
    args.push(params.assignee_id);
  }
  const rows = db.prepare(`SELECT ${WORK_ORDER_COLUMNS} WHERE ${where.join(' AND ')}`).all(...args) as Row[];
  const queued = pendingStateIds(db, 'work_order');
  const results = queuedResults(db);
  const out = rows.map((row) => finishRow(db, row, queued, results, today, false));
  for (const { data } of pendingRecords<PendingWorkOrder>(db, 'work_order_new')) {
    const row = localWorkOrderRow(db, data);
    if (params.asset_id !== undefined && row.asset_id !== params.asset_id) continue;
    if (params.origin !== undefined && row.origin !== params.origin) continue;
    if (params.assignee_id !== undefined && row.assigned_to_id !== params.assignee_id) continue;
    out.push(finishRow(db, row, queued, results, today, true));
  }
  const shown = params.include_closed
    ? out
    : out.filter((r) => r.status === 'draft' || r.status === 'ready' || r.status === 'in_progress');
  shown.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      (a.due_date ?? '9999').localeCompare(b.due_date ?? '9999') ||
      (a.code ?? '').localeCompare(b.code ?? ''),
  );
  return { rows: shown, today };
}

export { queuedResults };
