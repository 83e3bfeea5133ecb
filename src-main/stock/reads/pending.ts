// The pending side of a quantity: the optimistic effects of queued operations (pending_effects,
// docs/adr/0005-optimistic-overlay.md) with the type of the operation behind each, read through the
// (entity, key) index. Keys: stock part|warehouse|bin, wallet technician|part.
import type { CacheDb } from '../../cache/db.ts';
import type { Pending } from '../../../src-preload/contract/stock/reads.ts';
import { prefixEnd } from '../../core/keyset-cursor.ts';
import { round3 } from '../../core/quantity.ts';

export interface Effect {
  op_id: string;
  key: string;
  delta: number;
  type: string;
}

const SELECT_EFFECTS = `SELECT e.op_id, e.key, e.delta, coalesce(o.type, 'unknown') AS type
  FROM pending_effects e LEFT JOIN outbox o ON o.op_id = e.op_id`;

/** Effects whose key starts with prefix (an index range: e.g. every bin of one part). */
export function effectsWithPrefix(db: CacheDb, entity: 'stock' | 'wallet', prefix: string): Effect[] {
  return db
    .prepare(`${SELECT_EFFECTS} WHERE e.entity = ? AND e.key >= ? AND e.key < ?`)
    .all(entity, prefix, prefixEnd(prefix)) as Effect[];
}

/** Every effect of an entity (bounded by the outbox of unconfirmed operations, not by the mirror). */
export function allEffects(db: CacheDb, entity: 'stock' | 'wallet'): Effect[] {
  return db.prepare(`${SELECT_EFFECTS} WHERE e.entity = ?`).all(entity) as Effect[];
}

export const NO_PENDING: Pending = { delta: 0, ops: [] };

/** The effects summed, with the operations behind them counted per type. */
export function summarise(effects: readonly Effect[]): Pending {
  if (effects.length === 0) return NO_PENDING;
  const byType = new Map<string, { ops: Set<string>; delta: number }>();
  let delta = 0;
  for (const effect of effects) {
    delta += effect.delta;
    const entry = byType.get(effect.type) ?? { ops: new Set<string>(), delta: 0 };
    entry.ops.add(effect.op_id);
    entry.delta += effect.delta;
    byType.set(effect.type, entry);
  }
  return {
    delta: round3(delta),
    ops: [...byType]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([type, entry]) => ({ type, count: entry.ops.size, delta: round3(entry.delta) })),
  };
}

/** Effects grouped by key. */
export function groupByKey(effects: readonly Effect[]): Map<string, Effect[]> {
  const groups = new Map<string, Effect[]>();
  for (const effect of effects) {
    const list = groups.get(effect.key);
    if (list) list.push(effect);
    else groups.set(effect.key, [effect]);
  }
  return groups;
}

/** A stock key split into its parts (bins never contain '|'). */
export function splitStockKey(key: string): { partId: string; locationId: string; bin: string } {
  const [partId = '', locationId = '', bin = ''] = key.split('|');
  return { partId, locationId, bin };
}
