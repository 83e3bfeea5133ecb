// The two measured sides of `npm run bench:sync`, each run in its own process so that its peak
// memory is its own: `floor` copies the station's rows from PostgreSQL into SQLite with no sync
// logic at all (rows decoded to the same types, same SQLite settings and page size, rows in key
// order, the same indexes built at the end);
// `sync` runs the real initial sync into an empty station.db.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { to as copyTo } from 'pg-copy-streams';
import { readStationFile } from '../../db/admin/station-file.ts';
import { mirrorIndexDdl, mirrorTableDdl } from '../../db/schema/sqlite/mirror-ddl.ts';
import { sqliteMirrorTables } from '../../db/schema/sqlite/index.ts';
import { decodeRow, MIRROR_SPECS } from '../../src-main/cache/mirror-spec.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { SITE_SCOPED } from '../../src-main/cache/sync-scope.ts';
import { readCopyStream } from '../../src-main/sync/copy-text.ts';
import { initialSync } from '../../src-main/sync/initial-sync.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== 'floor' && mode !== 'sync'))
  throw new Error('usage: sync-workers.ts floor|sync <station dir>');
const file = readStationFile(dir);
const link = await connectStation(file);
const started = performance.now();
let rows = 0;
let maxTransactionMs = 0;
let maxIndexMs = 0;
let maxStationMs = 0;

if (mode === 'floor') {
  const path = join(dir, 'floor.db');
  rmSync(path, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  for (const table of Object.values(sqliteMirrorTables)) db.exec(mirrorTableDdl(table));
  await link.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  for (const spec of MIRROR_SPECS) {
    const scope = SITE_SCOPED[spec.table];
    const columns = spec.columns.map((c) => `"${c.name}"`).join(', ');
    const where = scope ? ` WHERE ${scope.where(file.siteId)}` : '';
    const insert = db.prepare(
      `INSERT INTO "${spec.table}" (${columns}) VALUES (${spec.columns.map(() => '?').join(', ')})`,
    );
    const insertMany = db.transaction((batch: (string | null)[][]) => {
      for (const row of batch) insert.run(decodeRow(spec, row));
    });
    const stream = link.client.query(
      copyTo(`COPY (SELECT ${columns} FROM "${spec.table}"${where} ORDER BY id) TO STDOUT`),
    );
    rows += await readCopyStream(
      stream,
      (batch) => {
        insertMany(batch);
      },
      5000,
    );
  }
  await link.client.query('COMMIT');
  // The same indexes the station builds after its load: the floor ends with the same database.
  for (const table of Object.values(sqliteMirrorTables))
    for (const ddl of mirrorIndexDdl(table)) db.exec(ddl);
  db.close();
  rmSync(path, { force: true });
} else {
  const cache = StationCache.open(dir);
  const result = await initialSync(link.client, cache, file, {
    onWriteTransaction: (ms, kind) => {
      if (kind === 'station') maxStationMs = Math.max(maxStationMs, ms);
      else if (kind === 'index') maxIndexMs = Math.max(maxIndexMs, ms);
      else maxTransactionMs = Math.max(maxTransactionMs, ms);
    },
  });
  rows = result.rows;
  cache.close();
}
await link.close();
console.log(
  JSON.stringify({
    mode,
    rows,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
    maxTransactionMs,
    maxIndexMs,
    maxStationMs,
  }),
);
