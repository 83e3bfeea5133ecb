// What the maintenance operations check a work order against, as the station sees it: the mirror's
// row (or a work order raised here and not yet synced) with the queued state changes folded in
// (the overlay), the assignee rule and the refusals, worded as the server words them
// (db/functions/maintenance/wo_refuse_state.sql, wo_check_assignee.sql).
import type { CacheDb } from '../../cache/db.ts';
import { OpError } from '../../core/errors.ts';
import type { UserRow } from '../../ops/cache-lookups.ts';
import { pendingData, pendingState } from '../../ops/overlay.ts';

export interface StationWorkOrder {
  id: string;
  code: string;
  asset_id: string;
  pm_schedule_id: string | null;
  assigned_to_user_id: string | null;
  closed_at: string | null;
  cancel_reason: string | null;
  /** The state the station shows: the mirror's with the queued changes applied. */
  status: string;
  /** Raised at this station and not synced yet (it has no code yet). */
  local: boolean;
}

/** The payload of a queued wo.create, as kept in the overlay. */
export interface PendingWorkOrder {
  wo_id: string;
  asset_id: string;
  origin: string;
  title: string;
  description?: string | undefined;
  priority?: string | undefined;
  assigned_to_user_id?: string | null | undefined;
  due_date?: string | undefined;
  tasks?: { description: string; is_mandatory?: boolean | undefined }[] | undefined;
  created_by: string;
  /** Set when it comes from a converted service request. */
  request_id?: string | undefined;
}

export function findWorkOrder(db: CacheDb, woId: string): StationWorkOrder | null {
  const row = db
    .prepare(
      `SELECT id, code, asset_id, pm_schedule_id, assigned_to_user_id, closed_at, cancel_reason, status
         FROM work_orders WHERE id = ?`,
    )
    .get(woId) as Omit<StationWorkOrder, 'local'> | undefined;
  if (row) return { ...row, status: pendingState(db, 'work_order', row.id, row.status).state, local: false };
  const [queued] = pendingData<PendingWorkOrder>(db, 'work_order_new', woId);
  if (!queued) return null;
  return {
    id: woId,
    code: 'the new work order',
    asset_id: queued.asset_id,
    pm_schedule_id: null,
    assigned_to_user_id: queued.assigned_to_user_id ?? null,
    closed_at: null,
    cancel_reason: null,
    status: pendingState(db, 'work_order', woId, 'draft').state,
    local: true,
  };
}

export function requireStationWorkOrder(db: CacheDb, woId: string): StationWorkOrder {
  const wo = findWorkOrder(db, woId);
  if (!wo) throw new OpError('unknown_work_order', 'That work order does not exist.');
  return wo;
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  draft: 'a draft',
  ready: 'ready',
  in_progress: 'in progress',
  closed: 'closed',
  cancelled: 'cancelled',
};

/** Refuses an action on a work order that is not in one of the states it needs. */
export function refuseState(
  wo: StationWorkOrder,
  allowed: readonly string[],
  action: string,
  hint: string | null,
): void {
  if (allowed.includes(wo.status)) return;
  if (wo.status === 'closed') {
    const on = wo.closed_at === null ? '' : ` on ${wo.closed_at.slice(0, 10)}`;
    throw new OpError('wo_closed', `${wo.code} was closed${on}; it cannot be ${action}.`);
  }
  if (wo.status === 'cancelled') {
    const why = wo.cancel_reason === null ? '' : ` (${wo.cancel_reason})`;
    throw new OpError('wo_closed', `${wo.code} was cancelled${why}; it cannot be ${action}.`);
  }
  throw new OpError(
    'wo_state',
    `${wo.code} is ${STATE_WORDS[wo.status] ?? wo.status}; it cannot be ${action}${hint === null ? '.' : ` (${hint}).`}`,
  );
}

/** A technician works on work orders assigned to them or to nobody. */
export function checkAssignee(db: CacheDb, wo: StationWorkOrder, actor: UserRow, action: string): void {
  if (actor.role !== 'technician' || wo.assigned_to_user_id === null || wo.assigned_to_user_id === actor.id)
    return;
  const assignee = db
    .prepare('SELECT full_name FROM users WHERE id = ?')
    .pluck()
    .get(wo.assigned_to_user_id) as string | undefined;
  throw new OpError(
    'forbidden',
    `${wo.code} is assigned to ${assignee ?? 'someone else'}; ${actor.full_name} (technician) cannot ${action} it.`,
  );
}

/** An active technician of the organisation, for an assignment. */
export function requireTechnician(db: CacheDb, userId: string): UserRow {
  const user = db
    .prepare('SELECT id, full_name, role, is_active, site_id FROM users WHERE id = ?')
    .get(userId) as UserRow | undefined;
  if (!user || !user.is_active)
    throw new OpError('unknown_technician', 'That technician is not an active user.');
  if (user.role !== 'technician') {
    throw new OpError(
      'not_a_technician',
      `${user.full_name} is a ${user.role}; work orders are assigned to technicians.`,
    );
  }
  return user;
}

/** The asset a new work order or request is for: known and not disposed of. */
export function requireLiveAsset(db: CacheDb, assetId: string, what: string): { id: string; name: string } {
  const asset = db.prepare('SELECT id, name, status FROM assets WHERE id = ?').get(assetId) as
    { id: string; name: string; status: string } | undefined;
  if (!asset) throw new OpError('unknown_asset', 'That asset does not exist.');
  if (asset.status === 'disposed')
    throw new OpError('asset_disposed', `${asset.name} is disposed of; ${what}.`);
  return asset;
}

/** The work order's code for a summary line. */
export function woLabel(db: CacheDb, woId: string): string {
  return findWorkOrder(db, woId)?.code ?? 'a work order';
}
