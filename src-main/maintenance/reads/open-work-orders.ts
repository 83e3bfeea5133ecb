// workOrders.open: work orders that are not closed or cancelled, for booking parts (wo.consume),
// in code order through work_orders(code). A one-word query that is the prefix of a code (as typed
// or in upper case) reads just that range of the code index; any other query matches words of the
// title or of the asset's name along the code order. The walk stops when the page is full; its
// cost grows with the closed and non-matching work orders it skips (the mirror has no index on
// status or title), so at worst one pass over the site's work orders (the cache holds those of the
// assets at the station's site).
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type { openWorkOrderSchema } from '../../../src-preload/contract/maintenance/reads.ts';
import { agileMode } from '../../ops/work-order-checks.ts';
import { decodeCursor, encodeCursor, prefixEnd } from '../../core/keyset-cursor.ts';

type OpenWorkOrder = z.infer<typeof openWorkOrderSchema>;

interface Row extends Omit<OpenWorkOrder, 'takes_parts'> {
  id: string;
}

/** The spellings of the query that start some work order's code. */
function codePrefixes(db: CacheDb, query: string): string[] {
  const hit = db.prepare('SELECT 1 FROM work_orders WHERE code >= ? AND code < ? LIMIT 1');
  return [...new Set([query, query.toUpperCase()])].filter((p) => hit.get(p, prefixEnd(p)) !== undefined);
}

export function openWorkOrders(
  db: CacheDb,
  tenantId: string,
  input: { query?: string | undefined; after?: string | undefined; limit: number },
): { rows: OpenWorkOrder[]; next: string | null } {
  const cursor = decodeCursor(input.after, { k: 'string', id: 'string' });
  const where = [`w.status NOT IN ('closed', 'cancelled')`];
  const args: string[] = [];
  const query = (input.query ?? '').trim();
  const codes = query === '' || /\s/.test(query) ? [] : codePrefixes(db, query);
  if (codes.length > 0) {
    where.push(`(${codes.map(() => '(w.code >= ? AND w.code < ?)').join(' OR ')})`);
    for (const prefix of codes) args.push(prefix, prefixEnd(prefix));
  } else if (query !== '') {
    const words = query.toLowerCase().split(/\s+/);
    const inTitle = words.map(() => 'instr(lower(w.title), ?) > 0').join(' AND ');
    const inAsset = words.map(() => 'instr(lower(a.name), ?) > 0').join(' AND ');
    where.push(`((${inTitle}) OR (${inAsset}))`);
    args.push(...words, ...words);
  }
  if (cursor) {
    where.push('w.code >= ? AND (w.code > ? OR w.id > ?)');
    args.push(String(cursor.k), String(cursor.k), String(cursor.id));
  }
  const rows = db
    .prepare(
      `SELECT w.id, w.code, w.title, w.status, w.priority, w.asset_id, a.name AS asset_name,
              u.full_name AS assigned_to_name, w.due_date
         FROM work_orders w INDEXED BY work_orders_code_idx
         LEFT JOIN assets a ON a.id = w.asset_id
         LEFT JOIN users u ON u.id = w.assigned_to_user_id
        WHERE ${where.join(' AND ')}
        ORDER BY w.code, w.id LIMIT ?`,
    )
    .all(...args, input.limit + 1) as Row[];
  const agile = agileMode(db, tenantId);
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map((row) => ({ ...row, takes_parts: row.status !== 'draft' || agile })),
    next: rows.length > input.limit && last ? encodeCursor({ k: last.code, id: last.id }) : null,
  };
}
