// A service request as the station sees it: the mirror's row (or one filed here and not yet
// synced) with the queued triage folded in, and the refusal for one already triaged, worded as
// the server words it (db/functions/maintenance/sr_load_pending.sql).
import type { CacheDb } from '../../cache/db.ts';
import { OpError } from '../../core/errors.ts';
import { pendingData, pendingState } from '../../ops/overlay.ts';

export interface PendingRequest {
  request_id: string;
  asset_id: string;
  description: string;
  reported_by: string;
  reported_at: string;
  photo: { content_type: string; data: string } | null;
}

export interface StationRequest {
  id: string;
  asset_id: string;
  description: string;
  status: string;
  converted_wo_id: string | null;
  rejection_reason: string | null;
  triaged_by: string | null;
  local: boolean;
}

export function findRequest(db: CacheDb, requestId: string): StationRequest | null {
  const row = db
    .prepare(
      `SELECT r.id, r.asset_id, r.description, r.status, r.converted_wo_id, r.rejection_reason,
              u.full_name AS triaged_by
         FROM service_requests r LEFT JOIN users u ON u.id = r.triaged_by_user_id WHERE r.id = ?`,
    )
    .get(requestId) as Omit<StationRequest, 'local'> | undefined;
  if (row)
    return { ...row, status: pendingState(db, 'service_request', row.id, row.status).state, local: false };
  const [queued] = pendingData<PendingRequest>(db, 'service_request_new', requestId);
  if (!queued) return null;
  return {
    id: requestId,
    asset_id: queued.asset_id,
    description: queued.description,
    status: pendingState(db, 'service_request', requestId, 'pending').state,
    converted_wo_id: null,
    rejection_reason: null,
    triaged_by: null,
    local: true,
  };
}

/** The request, still waiting for triage. */
export function requirePendingRequest(db: CacheDb, requestId: string): StationRequest {
  const request = findRequest(db, requestId);
  if (!request) throw new OpError('unknown_request', 'That service request does not exist.');
  if (request.status === 'pending') return request;
  const by = request.triaged_by === null ? '' : ` by ${request.triaged_by}`;
  if (request.status === 'converted') {
    const code = db
      .prepare('SELECT code FROM work_orders WHERE id = ?')
      .pluck()
      .get(request.converted_wo_id) as string | undefined;
    throw new OpError(
      'request_triaged',
      `This request was already converted into ${code ?? 'a work order'}${by}.`,
    );
  }
  throw new OpError(
    'request_triaged',
    `This request was already rejected${by}${request.rejection_reason === null ? '' : `: ${request.rejection_reason}`}`,
  );
}
