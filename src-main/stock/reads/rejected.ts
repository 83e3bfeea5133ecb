// Rejected operations the user has not acknowledged yet, filtered to those that concern a part or
// a technician, so the screen that shows the part or the wallet also shows what did not happen.
// The outbox's unacknowledged rejections are few (they stay until someone acknowledges them);
// reading them goes through outbox_status_idx.
import type { CacheDb } from '../../cache/db.ts';
import type { RejectedOp } from '../../../src-preload/contract/stock/reads.ts';

interface OutboxRow {
  op_id: string;
  type: string;
  summary: string;
  reason_code: string | null;
  reason: string | null;
  created_at: string;
  payload: string;
}

type Payload = Record<string, unknown> & { lines?: Record<string, unknown>[] };

function concerns(payload: Payload, field: 'part_id' | 'technician_id', id: string): boolean {
  if (payload[field] === id) return true;
  return Array.isArray(payload.lines) && payload.lines.some((line) => line[field] === id);
}

export function rejectedFor(
  db: CacheDb,
  field: 'part_id' | 'technician_id',
  id: string,
  max = 20,
): RejectedOp[] {
  const rows = db
    .prepare(
      `SELECT op_id, type, summary, reason_code, reason, created_at, payload FROM outbox
        WHERE status = 'rejected' AND acknowledged = 0 ORDER BY seq DESC LIMIT 1000`,
    )
    .all() as OutboxRow[];
  const found: RejectedOp[] = [];
  for (const row of rows) {
    if (found.length >= max) break;
    if (!concerns(JSON.parse(row.payload) as Payload, field, id)) continue;
    const { payload: _payload, ...rest } = row;
    found.push(rest);
  }
  return found;
}
