// A station process that kills itself with SIGKILL at an exact point of a sync step, inside an
// open SQLite write transaction (so that transaction is lost as in a real crash). Run by the sync
// tests with `node --import tsx sync-crash-child.ts <mode> <dir> <n> [batchSize]`:
//
//   push     pushes the outbox; dies inside the local transaction that records the n-th outcome,
//            so the server has applied that operation and the station never recorded it
//   pull     one incremental pull; dies after the n-th table's rows were written, before the
//            cursor is saved in the same transaction
//   initial  initial sync in pages of batchSize rows; dies while the n-th page of inventory_stock
//            is being written into the side file, before its progress marker
//   indexes  initial sync; dies after every table was loaded into the side file and n of its
//            indexes were built
//   sealed   initial sync; dies once the side file is complete, before station.db is touched
//   retired  initial sync; dies after station.db was retired (its outbox copied into the side
//            file) and before the side file was renamed over it
//
// Exits 0 (and prints "finished") only if the kill point was never reached.
import { resolve } from 'node:path';
import { readStationFile } from '../../db/admin/station-file.ts';
import { MirrorBuild } from '../../src-main/cache/mirror-build.ts';
import { mirrorInsertSql } from '../../src-main/cache/mirror-spec.ts';
import { retireIntoBuild } from '../../src-main/cache/mirror-swap.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { initialSync } from '../../src-main/sync/initial-sync.ts';
import { pullChanges } from '../../src-main/sync/pull.ts';
import { pushPending } from '../../src-main/sync/push.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';

const [mode, dirArg, nArg, batchArg] = process.argv.slice(2);
if (!mode || !dirArg || !nArg) throw new Error('usage: sync-crash-child.ts <mode> <dir> <n> [batchSize]');
const dir = resolve(dirArg);
const n = Number(nArg);

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

const file = readStationFile(dir);
const cache = StationCache.open(dir);
const link = await connectStation(file);

const upsertRows = cache.upsertRows.bind(cache);
const transaction = cache.transaction.bind(cache);
let count = 0;

if (mode === 'push') {
  cache.transaction = <T>(fn: () => T): T =>
    transaction(() => {
      const result = fn();
      if (++count === n) die();
      return result;
    });
  await pushPending(link.client, cache, { batch: 1 });
} else if (mode === 'pull') {
  cache.upsertRows = (spec, rows) => {
    upsertRows(spec, rows);
    if (++count === n) die();
  };
  await pullChanges(link.client, cache, file);
} else if (mode === 'initial') {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called with .call(this) below
  const insertPage = MirrorBuild.prototype.insertPage;
  MirrorBuild.prototype.insertPage = function (this: MirrorBuild, spec, rows, rowsDone) {
    if (spec.table === 'inventory_stock' && ++count === n) {
      // The page's rows are written inside the open transaction, the progress marker never is.
      const db = (this as unknown as { db: import('better-sqlite3').Database }).db;
      db.exec('BEGIN IMMEDIATE');
      const insert = db.prepare(mirrorInsertSql(spec));
      for (const row of rows) insert.run(row);
      die();
    }
    insertPage.call(this, spec, rows, rowsDone);
  };
  await initialSync(link.client, cache, file, { batchSize: Number(batchArg ?? 100) });
} else if (mode === 'indexes') {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called with .call(this) below
  const createIndexes = MirrorBuild.prototype.createIndexes;
  MirrorBuild.prototype.createIndexes = function (this: MirrorBuild, each) {
    createIndexes.call(this, (table, build) => {
      each(table, build);
      if (++count === n) die();
    });
  };
  await initialSync(link.client, cache, file, { batchSize: Number(batchArg ?? 1000) });
} else if (mode === 'sealed') {
  await initialSync(link.client, cache, file, {
    onStep: (step) => {
      if (step === 'sealed') die();
    },
  });
} else if (mode === 'retired') {
  cache.adoptMirrorBuild = (buildPath, finalState) => {
    cache.reader.close();
    retireIntoBuild(cache.writer, buildPath, finalState);
    die();
  };
  await initialSync(link.client, cache, file);
} else {
  throw new Error(`unknown mode ${mode}`);
}
await link.close();
cache.close();
console.log('finished');
