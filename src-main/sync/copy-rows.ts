// Reads rows of a mirrored table from the server with COPY ... TO STDOUT (text format).
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { decodeRow, type CacheValue, type MirrorSpec } from '../cache/mirror-spec.ts';
import { readCopyStream } from './copy-text.ts';

export function selectSql(spec: MirrorSpec, where: string[], orderById = false): string {
  const columns = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const condition = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return `SELECT ${columns} FROM "${spec.table}"${condition}${orderById ? ' ORDER BY id' : ''}`;
}

/** Streams decoded rows in batches to onBatch (which may write to SQLite synchronously). */
export async function copyMirrorRows(
  client: pg.Client,
  spec: MirrorSpec,
  where: string[],
  onBatch: (rows: CacheValue[][]) => void,
  options: { orderById?: boolean; batchSize?: number } = {},
): Promise<number> {
  const stream = client.query(copyTo(`COPY (${selectSql(spec, where, options.orderById)}) TO STDOUT`));
  return readCopyStream(
    stream,
    (fields) => {
      onBatch(fields.map((f) => decodeRow(spec, f)));
    },
    options.batchSize,
  );
}

/** Collects all matching rows in memory (incremental pulls, which are small). */
export async function fetchMirrorRows(
  client: pg.Client,
  spec: MirrorSpec,
  where: string[],
): Promise<CacheValue[][]> {
  const rows: CacheValue[][] = [];
  await copyMirrorRows(client, spec, where, (batch) => {
    for (const row of batch) rows.push(row);
  });
  return rows;
}

/** A literal for an xid8 cursor (numbers only, so it is safe to inline in COPY). */
export function xidLiteral(xid: number): string {
  if (!Number.isSafeInteger(xid) || xid < 0) throw new Error(`Invalid sync cursor ${xid}.`);
  return `'${xid}'::xid8`;
}

/** Reads the snapshot horizon of the current transaction (its first statement fixes the snapshot). */
export async function snapshotHorizon(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ h: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h',
  );
  const h = Number(rows[0]?.h);
  if (!Number.isSafeInteger(h)) throw new Error('The server returned no snapshot horizon.');
  return h;
}
