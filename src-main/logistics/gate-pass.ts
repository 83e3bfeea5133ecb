// The station's gate pass references (ADR 0016): GP-<its prefix>-<number>, the number one more than
// the highest it has used, among the shipments it holds (every truck it opened leaves from its
// site, so its cache holds them all) and the ones it opened and has not had confirmed yet.
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';

export function stationPrefix(db: CacheDb, stationId: string): string {
  const prefix = db.prepare('SELECT gate_pass_prefix FROM stations WHERE id = ?').pluck().get(stationId) as
    string | undefined;
  if (prefix === undefined) {
    throw new OpError(
      'not_synced',
      'This station has no gate pass prefix yet: let it finish its first sync, then open the truck.',
    );
  }
  return prefix;
}

/** The highest number used with the prefix, here and on the server as far as the station knows. */
function highestNumber(db: CacheDb, prefix: string): number {
  const start = prefix.length + 5;
  const pattern = `GP-${prefix}-%`;
  return (
    (db
      .prepare(
        `SELECT max(n) FROM (
         SELECT CAST(substr(gate_pass_ref, @start) AS INTEGER) AS n FROM shipments WHERE gate_pass_ref LIKE @pattern
         UNION ALL
         SELECT CAST(substr(json_extract(data, '$.gate_pass_ref'), @start) AS INTEGER) FROM pending_effects
          WHERE entity = 'shipment_open' AND json_extract(data, '$.gate_pass_ref') LIKE @pattern)`,
      )
      .pluck()
      .get({ start, pattern }) as number | null) ?? 0
  );
}

export function nextGatePass(db: CacheDb, stationId: string): string {
  const prefix = stationPrefix(db, stationId);
  return `GP-${prefix}-${String(highestNumber(db, prefix) + 1).padStart(4, '0')}`;
}
