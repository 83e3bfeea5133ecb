// A station process that kills itself with SIGKILL at an exact point of a sync step, inside an
// open SQLite write transaction (so that transaction is lost as in a real crash). Run by the sync
// tests with `node --import tsx sync-crash-child.ts <mode> <dir> <n> [batchSize]`:
//
//   push     pushes the outbox; dies inside the local transaction that records the n-th outcome,
//            so the server has applied that operation and the station never recorded it
//   pull     one incremental pull; dies after the n-th table's rows were written, before the
//            cursor is saved in the same transaction
//   initial  initial sync in pages of batchSize rows; dies after the n-th page of inventory_stock
//            was written, before its progress marker
//   indexes  initial sync; dies after every table was loaded, inside the first index build,
//            before the cursor is saved
//
// Exits 0 (and prints "finished") only if the kill point was never reached.
import { resolve } from 'node:path';
import { readStationFile } from '../../db/admin/station-file.ts';
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
  cache.upsertRows = (spec, rows) => {
    upsertRows(spec, rows);
    if (spec.table === 'inventory_stock' && ++count === n) die();
  };
  await initialSync(link.client, cache, file, { batchSize: Number(batchArg ?? 100) });
} else if (mode === 'indexes') {
  const createMirrorIndexesFor = cache.createMirrorIndexesFor.bind(cache);
  cache.createMirrorIndexesFor = (table, each) => {
    createMirrorIndexesFor(table, (build) => {
      (
        each ??
        ((b: () => void) => {
          b();
        })
      )(() => {
        build();
        if (++count === n) die();
      });
    });
  };
  await initialSync(link.client, cache, file, { batchSize: Number(batchArg ?? 1000) });
} else {
  throw new Error(`unknown mode ${mode}`);
}
await link.close();
cache.close();
console.log('finished');
