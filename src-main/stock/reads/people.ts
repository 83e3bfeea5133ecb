// Technicians: wallets.forTechnician (the wallet with pending effects, including parts held only
// through pending issues) and people.technicians (active technicians, the station's site first).
// Users are reference data (hundreds to a few thousand rows per tenant): the technician list
// filters them in one pass; wallets go through inventory_wallets(user_id).
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type {
  RejectedOp,
  Technician,
  technicianRowSchema,
  walletRowSchema,
} from '../../../src-preload/contract/stock/reads.ts';
import { OpError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor.ts';
import { round3 } from '../../core/quantity.ts';
import { effectsWithPrefix, groupByKey, summarise } from './pending.ts';
import { rejectedFor } from './rejected.ts';

type WalletRow = z.infer<typeof walletRowSchema>;
type TechnicianRow = z.infer<typeof technicianRowSchema>;

interface UserRow {
  id: string;
  full_name: string;
  email: string;
  badge_code: string | null;
  is_active: number;
  role: string;
  site_id: string | null;
  site_code: string | null;
  site_name: string | null;
}

const USER_SQL = `SELECT u.id, u.full_name, u.email, u.badge_code, u.is_active, u.role, u.site_id,
    l.code AS site_code, l.name AS site_name
  FROM users u LEFT JOIN locations l ON l.id = u.site_id`;

function technician(row: UserRow, siteId: string): Technician {
  return {
    id: row.id,
    full_name: row.full_name,
    email: row.email,
    badge_code: row.badge_code,
    is_active: row.is_active === 1,
    site_id: row.site_id,
    site_code: row.site_code,
    site_name: row.site_name,
    at_this_site: row.site_id === siteId,
  };
}

export function walletForTechnician(
  db: CacheDb,
  siteId: string,
  technicianId: string,
): { technician: Technician; rows: WalletRow[]; rejected: RejectedOp[] } {
  const user = db.prepare(`${USER_SQL} WHERE u.id = ?`).get(technicianId) as UserRow | undefined;
  if (!user) throw new OpError('unknown_technician', 'That technician does not exist.');
  if (user.role !== 'technician') {
    throw new OpError(
      'not_a_technician',
      `${user.full_name} is a ${user.role}; only technicians hold a wallet.`,
    );
  }
  const held = db
    .prepare(
      `SELECT w.id AS wallet_id, w.part_id, p.sku, p.name, p.unit, w.qty_held
         FROM inventory_wallets w LEFT JOIN parts p ON p.id = w.part_id
        WHERE w.user_id = ?`,
    )
    .all(technicianId) as {
    wallet_id: string | null;
    part_id: string;
    sku: string | null;
    name: string | null;
    unit: string | null;
    qty_held: number;
  }[];
  const pending = groupByKey(effectsWithPrefix(db, 'wallet', `${technicianId}|`));
  const part = db.prepare('SELECT sku, name, unit FROM parts WHERE id = ?');
  const seen = new Set(held.map((h) => h.part_id));
  for (const key of pending.keys()) {
    const partId = key.slice(technicianId.length + 1);
    if (seen.has(partId)) continue;
    const details = part.get(partId) as { sku: string; name: string; unit: string } | undefined;
    held.push({
      wallet_id: null,
      part_id: partId,
      qty_held: 0,
      sku: null,
      name: null,
      unit: null,
      ...details,
    });
  }
  const rows = held.map((h) => {
    const p = summarise(pending.get(`${technicianId}|${h.part_id}`) ?? []);
    return {
      wallet_id: h.wallet_id,
      part_id: h.part_id,
      sku: h.sku ?? '?',
      name: h.name ?? 'Unknown part',
      unit: h.unit ?? 'piece',
      qty_held: h.qty_held,
      pending: p,
      qty_shown: round3(h.qty_held + p.delta),
    };
  });
  rows.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return {
    technician: technician(user, siteId),
    rows,
    rejected: rejectedFor(db, 'technician_id', technicianId),
  };
}

/** Active technicians matching the query (name words, badge or e-mail), the station's site first. */
export function technicians(
  db: CacheDb,
  siteId: string,
  input: { query?: string | undefined; after?: string | undefined; limit: number },
): { rows: TechnicianRow[]; next: string | null } {
  const cursor = decodeCursor(input.after, { h: 'number', n: 'string', id: 'string' });
  const where = [`u.role = 'technician'`, 'u.is_active = 1'];
  const args: (string | number)[] = [];
  for (const word of (input.query ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
    where.push(
      `(instr(lower(u.full_name), ?) > 0 OR lower(u.badge_code) = ? OR instr(lower(u.email), ?) = 1)`,
    );
    args.push(word, word, word);
  }
  const home = `(CASE WHEN u.site_id = ? THEN 0 ELSE 1 END)`;
  if (cursor) {
    where.push(`(${home}, u.full_name, u.id) > (?, ?, ?)`);
    args.push(siteId, cursor.h, cursor.n, cursor.id);
  }
  const rows = db
    .prepare(
      `${USER_SQL} WHERE ${where.join(' AND ')}
        ORDER BY ${home}, u.full_name, u.id LIMIT ?`,
    )
    .all(...args, siteId, input.limit + 1) as UserRow[];
  const walletLines = db.prepare('SELECT count(*) FROM inventory_wallets WHERE user_id = ?').pluck();
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map((row) => {
      const t = technician(row, siteId);
      return { ...t, wallet_lines: t.at_this_site ? (walletLines.get(row.id) as number) : null };
    }),
    next:
      rows.length > input.limit && last
        ? encodeCursor({ h: last.site_id === siteId ? 0 : 1, n: last.full_name, id: last.id })
        : null,
  };
}
