// Work-order checks shared by the operations that book to a work order (parts used at the counter,
// the maintenance domain's task results and transitions): its state and the tenant's Agile Mode.
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';

export interface WorkOrderRow {
  id: string;
  code: string;
  status: string;
}

export function requireWorkOrder(db: CacheDb, woId: string): WorkOrderRow {
  const wo = db.prepare('SELECT id, code, status FROM work_orders WHERE id = ?').get(woId) as
    WorkOrderRow | undefined;
  if (!wo) throw new OpError('unknown_work_order', 'That work order does not exist.');
  return wo;
}

/** The tenant's Agile Mode toggle (tenants.settings.agile_mode), off unless set to true. */
export function agileMode(db: CacheDb, tenantId: string): boolean {
  const settings = db.prepare('SELECT settings FROM tenants WHERE id = ?').pluck().get(tenantId) as
    string | undefined;
  if (settings === undefined) return false;
  return (JSON.parse(settings) as { agile_mode?: unknown }).agile_mode === true;
}

/**
 * Parts can be booked to a work order that is ready or in progress; with Agile Mode also to a
 * draft (work raised on the spot, before planning releases it); never to a closed or cancelled one.
 */
export function checkWorkOrderTakesParts(wo: WorkOrderRow, agile: boolean): void {
  if (wo.status === 'closed' || wo.status === 'cancelled') {
    throw new OpError(
      'wo_closed',
      `Work order ${wo.code} is ${wo.status}; parts can no longer be booked to it.`,
    );
  }
  if (wo.status === 'draft' && !agile) {
    throw new OpError(
      'wo_not_ready',
      `Work order ${wo.code} is still a draft; parts can be booked once it is ready (or with Agile Mode on).`,
    );
  }
}
