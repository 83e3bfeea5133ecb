// Push: sends pending operations, oldest first, to the server's write entry point. Operations go
// in batches (amms_push_batch): each operation is applied exactly once and atomically on its own,
// and a batch is committed together, so a backlog costs one commit per batch. The server keeps
// every outcome in its ledger and returns the stored one for a repeat, so a push that dies after
// the server committed is simply sent again. A rejection is recorded with its reason and the
// operation's optimistic effect is rolled back; nothing is dropped silently.
import type pg from 'pg';
import type { StationCache } from '../cache/station-cache.ts';
import { IncompatibleServerError, PROTOCOL_VERSION } from './protocol.ts';
import { selectAsStation } from './server-link.ts';

export interface PushOutcome {
  op_id: string;
  /** 'error': the server could not take this operation at all; 'retry': a passing failure. */
  outcome: 'applied' | 'rejected' | 'incompatible' | 'error' | 'retry';
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

export interface OutboxRow {
  seq: number;
  op_id: string;
  type: string;
  user_id: string;
  payload: string;
  created_at: string;
}

export interface PushOptions {
  /** Operations per server call (1 to 100). */
  batch?: number;
  onOutcome?: (op: OutboxRow, outcome: PushOutcome) => void;
}

export const DEFAULT_PUSH_BATCH = 50;

function envelope(op: OutboxRow): string {
  return (
    `{"op_id":${JSON.stringify(op.op_id)},"type":${JSON.stringify(op.type)},` +
    `"user_id":${JSON.stringify(op.user_id)},"seq":${op.seq},` +
    `"created_at":${JSON.stringify(op.created_at)},"payload":${op.payload}}`
  );
}

export async function pushPending(
  client: pg.Client,
  cache: StationCache,
  options: PushOptions = {},
): Promise<PushReport> {
  const batchSize = Math.min(100, Math.max(1, options.batch ?? DEFAULT_PUSH_BATCH));
  const report: PushReport = { applied: 0, rejected: 0, rejections: [] };
  const nextBatch = cache.writer.prepare(
    `SELECT seq, op_id, type, user_id, payload, created_at FROM outbox
      WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const markApplied = cache.writer.prepare(
    `UPDATE outbox SET status = 'applied', result = ?, acked_at = ?, ack_generation = ?, last_error = NULL
     WHERE op_id = ? AND status = 'pending'`,
  );
  const markRejected = cache.writer.prepare(
    `UPDATE outbox SET status = 'rejected', reason_code = ?, reason = ?, acked_at = ?, last_error = NULL
     WHERE op_id = ? AND status = 'pending'`,
  );
  const markRetry = cache.writer.prepare(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE op_id = ? AND status = 'pending'`,
  );
  const rollBackEffects = cache.writer.prepare('DELETE FROM pending_effects WHERE op_id = ?');
  let afterSeq = 0;
  for (;;) {
    const ops = nextBatch.all(afterSeq, batchSize) as OutboxRow[];
    if (ops.length === 0) break;
    const { rows } = await selectAsStation<{ r: PushOutcome[] }>(
      client,
      'amms_push_batch($1, $2::jsonb) AS r',
      [PROTOCOL_VERSION, `[${ops.map(envelope).join(',')}]`],
    );
    const outcomes = rows[0]?.r ?? [];
    if (outcomes.length === 0) throw new Error('The server gave no outcome for the operations sent.');
    let stop: PushOutcome | null = null;
    const now = new Date().toISOString();
    const decided: [OutboxRow, PushOutcome][] = [];
    cache.transaction(() => {
      const generation = cache.syncState().pullGeneration;
      for (let i = 0; i < outcomes.length; i++) {
        const op = ops[i];
        const outcome = outcomes[i];
        if (!op || !outcome) break;
        if (outcome.outcome !== 'incompatible' && outcome.op_id !== op.op_id) {
          throw new Error('The server answered for other operations than were sent.');
        }
        if (outcome.outcome === 'incompatible' || outcome.outcome === 'retry') {
          markRetry.run(outcome.reason ?? outcome.outcome, op.op_id);
          stop = outcome;
          break;
        }
        if (outcome.outcome === 'applied') {
          markApplied.run(JSON.stringify(outcome.result ?? null), now, generation, op.op_id);
          report.applied++;
        } else {
          const reason =
            outcome.outcome === 'error'
              ? `The server could not take this operation: ${outcome.reason ?? 'unknown error'}`
              : (outcome.reason ?? 'Rejected by the server.');
          markRejected.run(outcome.code ?? 'rejected', reason, now, op.op_id);
          rollBackEffects.run(op.op_id);
          report.rejected++;
          report.rejections.push({ opId: op.op_id, type: op.type, reason });
        }
        decided.push([op, outcome]);
      }
      cache.updateSyncState({ last_push_at: now });
    });
    for (const [op, outcome] of decided) options.onOutcome?.(op, outcome);
    const stopped = stop as PushOutcome | null;
    if (stopped?.outcome === 'incompatible') {
      throw new IncompatibleServerError(
        stopped.reason ?? 'The server refused this station version.',
        'station_too_old',
      );
    }
    if (stopped)
      throw new Error(`The server asked to retry later: ${stopped.reason ?? stopped.code ?? 'busy'}`);
    afterSeq = ops[outcomes.length - 1]?.seq ?? afterSeq;
  }
  return report;
}
