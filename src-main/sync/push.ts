// Push: sends pending operations, oldest first, to the server's single write entry point
// (amms_push), one call and one server transaction per operation. The server applies each op_id
// exactly once and returns the stored outcome for a repeat, so a push that dies after the server
// committed is simply sent again. A rejection is recorded with its reason and the operation's
// optimistic effect is rolled back; nothing is dropped silently.
import type pg from 'pg';
import type { StationCache } from '../cache/station-cache.ts';
import { IncompatibleServerError, PROTOCOL_VERSION } from './protocol.ts';

export interface PushOutcome {
  op_id: string;
  outcome: 'applied' | 'rejected' | 'incompatible';
  code?: string | null;
  reason?: string | null;
  result?: unknown;
  duplicate?: boolean;
}

export interface PushReport {
  applied: number;
  rejected: number;
  rejections: { opId: string; type: string; reason: string }[];
}

interface OutboxRow {
  seq: number;
  op_id: string;
  type: string;
  user_id: string;
  payload: string;
  created_at: string;
}

export async function pushPending(
  client: pg.Client,
  cache: StationCache,
  options: { batch?: number; onOutcome?: (op: OutboxRow, outcome: PushOutcome) => void } = {},
): Promise<PushReport> {
  const report: PushReport = { applied: 0, rejected: 0, rejections: [] };
  const nextBatch = cache.writer.prepare(
    `SELECT seq, op_id, type, user_id, payload, created_at FROM outbox WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const markApplied = cache.writer.prepare(
    `UPDATE outbox SET status = 'applied', result = ?, acked_at = ?, ack_generation = ?, last_error = NULL
     WHERE op_id = ? AND status = 'pending'`,
  );
  const markRejected = cache.writer.prepare(
    `UPDATE outbox SET status = 'rejected', reason_code = ?, reason = ?, acked_at = ?, last_error = NULL
     WHERE op_id = ? AND status = 'pending'`,
  );
  const rollBackEffects = cache.writer.prepare('DELETE FROM pending_effects WHERE op_id = ?');
  let afterSeq = 0;
  for (;;) {
    const ops = nextBatch.all(afterSeq, options.batch ?? 200) as OutboxRow[];
    if (ops.length === 0) break;
    for (const op of ops) {
      afterSeq = op.seq;
      const envelope = `{"op_id":${JSON.stringify(op.op_id)},"type":${JSON.stringify(op.type)},"user_id":${JSON.stringify(
        op.user_id,
      )},"seq":${op.seq},"created_at":${JSON.stringify(op.created_at)},"payload":${op.payload}}`;
      const { rows } = await client.query<{ r: PushOutcome }>('SELECT amms_push($1, $2::jsonb) AS r', [
        PROTOCOL_VERSION,
        envelope,
      ]);
      const outcome = rows[0]?.r;
      if (!outcome) throw new Error('The server gave no outcome for an operation.');
      if (outcome.outcome === 'incompatible') {
        throw new IncompatibleServerError(
          outcome.reason ?? 'The server refused this station version.',
          'station_too_old',
        );
      }
      const now = new Date().toISOString();
      cache.transaction(() => {
        if (outcome.outcome === 'applied') {
          const generation = cache.syncState().pullGeneration;
          markApplied.run(JSON.stringify(outcome.result ?? null), now, generation, op.op_id);
          report.applied++;
        } else {
          markRejected.run(
            outcome.code ?? 'rejected',
            outcome.reason ?? 'Rejected by the server.',
            now,
            op.op_id,
          );
          rollBackEffects.run(op.op_id);
          report.rejected++;
          report.rejections.push({
            opId: op.op_id,
            type: op.type,
            reason: outcome.reason ?? 'Rejected by the server.',
          });
        }
        cache.updateSyncState({ last_push_at: now });
      });
      options.onOutcome?.(op, outcome);
    }
  }
  return report;
}
