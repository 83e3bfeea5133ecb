// A snapshot of a station's state for `amms station status` and the UI: cursor, last sync, and the
// operations by status with the reasons of rejected ones.
import type { StationCache } from '../cache/station-cache.ts';

export interface OperationRecord {
  seq: number;
  opId: string;
  type: string;
  summary: string;
  status: 'pending' | 'applied' | 'rejected';
  settled: boolean;
  reasonCode: string | null;
  reason: string | null;
  createdAt: string;
  ackedAt: string | null;
  acknowledged: boolean;
}

export interface StationStatusReport {
  cursor: number | null;
  initialSync: { table: string | null; rowsDone: number; rowsTotal: number } | null;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  counts: { pending: number; applied: number; rejected: number };
  rejected: OperationRecord[];
  pending: OperationRecord[];
}

interface OutboxRow {
  seq: number;
  op_id: string;
  type: string;
  summary: string;
  status: 'pending' | 'applied' | 'rejected';
  settled: number;
  reason_code: string | null;
  reason: string | null;
  created_at: string;
  acked_at: string | null;
  acknowledged: number;
}

function toRecord(row: OutboxRow): OperationRecord {
  return {
    seq: row.seq,
    opId: row.op_id,
    type: row.type,
    summary: row.summary,
    status: row.status,
    settled: row.settled === 1,
    reasonCode: row.reason_code,
    reason: row.reason,
    createdAt: row.created_at,
    ackedAt: row.acked_at,
    acknowledged: row.acknowledged === 1,
  };
}

export function stationStatus(cache: StationCache, limit = 50): StationStatusReport {
  const state = cache.syncState();
  const counts = cache.reader
    .prepare(
      `SELECT
         coalesce(sum(status = 'pending' OR (status = 'applied' AND settled = 0)), 0) AS pending,
         coalesce(sum(status = 'applied' AND settled = 1), 0) AS applied,
         coalesce(sum(status = 'rejected'), 0) AS rejected
       FROM outbox`,
    )
    .get() as { pending: number; applied: number; rejected: number };
  const list = (where: string): OperationRecord[] =>
    (
      cache.reader
        .prepare(`SELECT * FROM outbox WHERE ${where} ORDER BY seq DESC LIMIT ?`)
        .all(limit) as OutboxRow[]
    ).map(toRecord);
  return {
    cursor: state.cursorXid,
    initialSync:
      state.cursorXid === null
        ? { table: state.initialTable, rowsDone: state.initialRowsDone, rowsTotal: state.initialRowsTotal }
        : null,
    lastPullAt: state.lastPullAt,
    lastPushAt: state.lastPushAt,
    lastError: state.lastError,
    counts,
    rejected: list(`status = 'rejected'`),
    pending: list(`status = 'pending' OR (status = 'applied' AND settled = 0)`),
  };
}
