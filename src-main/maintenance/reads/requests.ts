// requests.queue and requests.detail: the service requests waiting for triage at the site (queued
// triage applied, requests filed here and not synced yet included), oldest first, each with how
// many open requests and work orders its asset has besides it; one request with its photo (from
// the mirror, or the queued operation) and those possible duplicates.
import type { CacheDb } from '../../cache/db.ts';
import type { RequestDetail, RequestRow } from '../../../src-preload/contract/maintenance/request-reads.ts';
import { OpError } from '../../core/errors.ts';
import { pendingRecords } from '../../ops/overlay.ts';
import type { PendingRequest } from '../ops/request-state.ts';
import { ASSET_LABEL, pendingStateIds, shownState } from './labels.ts';

type Row = Omit<RequestRow, 'pending' | 'duplicates'>;
/** A row as SQLite returns it (has_photo 0/1). */
type SqlRow = Omit<Row, 'has_photo'> & { has_photo: number };

const COLUMNS = `r.id, r.asset_id, ${ASSET_LABEL} AS asset_label, r.description, u.full_name AS reported_by,
       r.created_at AS reported_at, r.status,
       EXISTS (SELECT 1 FROM service_request_photos p WHERE p.request_id = r.id) AS has_photo
  FROM service_requests r
  JOIN assets a ON a.id = r.asset_id
  JOIN users u ON u.id = r.reported_by_user_id`;

interface Duplicate {
  kind: 'request' | 'work_order';
  id: string;
  label: string;
  status: string;
  description: string;
}

function localRows(db: CacheDb): (Row & { local: true; photo: PendingRequest['photo'] })[] {
  const label = db.prepare(`SELECT ${ASSET_LABEL} FROM assets a WHERE a.id = ?`).pluck();
  const who = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck();
  return pendingRecords<PendingRequest>(db, 'service_request_new').map(({ data }) => ({
    id: data.request_id,
    asset_id: data.asset_id,
    asset_label: (label.get(data.asset_id) as string | undefined) ?? 'an asset',
    description: data.description,
    reported_by: (who.get(data.reported_by) as string | undefined) ?? '',
    reported_at: data.reported_at,
    status: 'pending',
    has_photo: data.photo !== null,
    local: true,
    photo: data.photo,
  }));
}

/** Open requests (other than this one) and open work orders of the asset. */
function duplicatesOf(db: CacheDb, assetId: string, requestId: string, queued: Set<string>): Duplicate[] {
  const mirrored = (
    db
      .prepare(`SELECT ${COLUMNS} WHERE r.asset_id = ? AND r.status = 'pending' AND r.id <> ?`)
      .all(assetId, requestId) as SqlRow[]
  ).filter((r) => shownState(db, 'service_request', queued, r.id, r.status).state === 'pending');
  const local = localRows(db).filter((r) => r.asset_id === assetId && r.id !== requestId);
  const requests = [...mirrored, ...local].map((r): Duplicate => ({
    kind: 'request',
    id: r.id,
    label: `Request of ${r.reported_at.slice(0, 10)} by ${r.reported_by}`,
    status: 'pending',
    description: r.description,
  }));
  const wos = db
    .prepare(
      `SELECT id, code, status, title FROM work_orders
        WHERE asset_id = ? AND status IN ('draft', 'ready', 'in_progress') ORDER BY code`,
    )
    .all(assetId) as { id: string; code: string; status: string; title: string }[];
  return [
    ...requests,
    ...wos.map((w): Duplicate => ({
      kind: 'work_order',
      id: w.id,
      label: w.code,
      status: w.status,
      description: w.title,
    })),
  ];
}

export function requestQueue(db: CacheDb): { rows: RequestRow[] } {
  const queued = pendingStateIds(db, 'service_request');
  const rows = [
    ...(db.prepare(`SELECT ${COLUMNS} WHERE r.status = 'pending'`).all() as SqlRow[]).map((r) => ({
      ...r,
      has_photo: r.has_photo === 1,
      local: false,
    })),
    ...localRows(db),
  ];
  const shown: RequestRow[] = [];
  for (const row of rows) {
    const state = shownState(db, 'service_request', queued, row.id, row.status);
    if (state.state !== 'pending') continue;
    shown.push({
      id: row.id,
      asset_id: row.asset_id,
      asset_label: row.asset_label,
      description: row.description,
      reported_by: row.reported_by,
      reported_at: row.reported_at,
      status: 'pending',
      pending: row.local || state.pending,
      has_photo: row.has_photo,
      duplicates: duplicatesOf(db, row.asset_id, row.id, queued).length,
    });
  }
  shown.sort((a, b) => a.reported_at.localeCompare(b.reported_at));
  return { rows: shown };
}

/** A data: URL from the mirror's hex text of the bytes ('\x89504e...'). */
function dataUrl(contentType: string, hex: string): string {
  return `data:${contentType};base64,${Buffer.from(hex.replace(/^\\x/, ''), 'hex').toString('base64')}`;
}

export function requestDetail(db: CacheDb, requestId: string): RequestDetail {
  const queued = pendingStateIds(db, 'service_request');
  const mirrored = db
    .prepare(
      `SELECT ${COLUMNS.replace('FROM service_requests r', ', r.photo_url, r.rejection_reason, w.code AS converted_wo_code FROM service_requests r')}
         LEFT JOIN work_orders w ON w.id = r.converted_wo_id
        WHERE r.id = ?`,
    )
    .get(requestId) as
    | (SqlRow & {
        photo_url: string | null;
        rejection_reason: string | null;
        converted_wo_code: string | null;
      })
    | undefined;
  if (mirrored) {
    const state = shownState(db, 'service_request', queued, mirrored.id, mirrored.status);
    const photo = db
      .prepare('SELECT content_type, bytes FROM service_request_photos WHERE request_id = ?')
      .get(requestId) as { content_type: string; bytes: string } | undefined;
    return {
      row: {
        id: mirrored.id,
        asset_id: mirrored.asset_id,
        asset_label: mirrored.asset_label,
        description: mirrored.description,
        reported_by: mirrored.reported_by,
        reported_at: mirrored.reported_at,
        status: state.state as RequestRow['status'],
        pending: state.pending,
        has_photo: mirrored.has_photo === 1,
        duplicates: 0,
      },
      photo: photo ? dataUrl(photo.content_type, photo.bytes) : null,
      photo_url: mirrored.photo_url,
      rejection_reason: mirrored.rejection_reason,
      converted_wo_code: mirrored.converted_wo_code,
      duplicates: duplicatesOf(db, mirrored.asset_id, mirrored.id, queued),
    };
  }
  const local = localRows(db).find((r) => r.id === requestId);
  if (!local) throw new OpError('unknown_request', 'That service request does not exist.');
  const state = shownState(db, 'service_request', queued, local.id, 'pending');
  return {
    row: { ...local, status: state.state as RequestRow['status'], pending: true, duplicates: 0 },
    photo: local.photo ? `data:${local.photo.content_type};base64,${local.photo.data}` : null,
    photo_url: null,
    rejection_reason: null,
    converted_wo_code: null,
    duplicates: duplicatesOf(db, local.asset_id, local.id, queued),
  };
}
