// Operations the server confirmed are settled by the first pull that starts after the
// confirmation: that pull's snapshot already contains their effects, so their optimistic overlay
// is removed in the same SQLite transaction that brings in the server's rows.
import type { StationCache } from '../cache/station-cache.ts';

export function settleConfirmedOperations(cache: StationCache, generation: number): number {
  const ops = cache.writer
    .prepare(`SELECT op_id FROM outbox WHERE status = 'applied' AND settled = 0 AND ack_generation < ?`)
    .pluck()
    .all(generation) as string[];
  const clear = cache.writer.prepare('DELETE FROM pending_effects WHERE op_id = ?');
  const mark = cache.writer.prepare('UPDATE outbox SET settled = 1 WHERE op_id = ?');
  for (const opId of ops) {
    clear.run(opId);
    mark.run(opId);
  }
  return ops.length;
}
