// Fills a station cache's mirror tables with a big site for test/bench/stock-queries.bench.ts:
// parts, stock (10 bins per part over 5 warehouses), technicians with wallets, work orders, stock
// movements and queued operations with their pending effects. Deterministic (a fixed-seed PRNG).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sqliteMirrorTables } from '../../db/schema/sqlite/index.ts';
import { mirrorIndexDdl } from '../../db/schema/sqlite/mirror-ddl.ts';
import type { StationCache } from '../../src-main/cache/station-cache.ts';

export interface BenchWorld {
  tenantId: string;
  siteId: string;
  stationId: string;
  partIds: string[];
  skus: string[];
  barcodes: string[];
  nameQueries: string[];
  warehouses: string[];
  bins: string[];
  technicians: string[];
  techNames: string[];
  woCodes: string[];
}

const STAMPS = `'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, 1`;
const ITEMS = ['Filter', 'Hose', 'Bearing', 'Seal kit', 'Belt', 'Gasket', 'Valve', 'Pump', 'Sensor', 'Bolt'];
const BRANDS = ['Bosch', 'Parker', 'SKF', 'Gates', 'Donaldson', 'Fleetguard', 'Eaton', 'Cat'];
const CATEGORIES = ['FLT', 'HYD', 'BRG', 'SEA', 'BLT', 'GSK', 'VLV', 'PMP', 'SNS', 'FST'];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function insert(db: Database.Database, table: string, columns: string[]): Database.Statement {
  return db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}, created_at, updated_at, row_version, change_xid)
     VALUES (${columns.map(() => '?').join(', ')}, ${STAMPS})`,
  );
}

export function fillBenchCache(cache: StationCache, partCount: number, stockRows: number): BenchWorld {
  const db = cache.writer;
  const rand = prng(42);
  const int = (n: number): number => Math.floor(rand() * n);
  const tenantId = randomUUID();
  const siteId = randomUUID();
  const stationId = randomUUID();
  const world: BenchWorld = {
    tenantId,
    siteId,
    stationId,
    partIds: [],
    skus: [],
    barcodes: [],
    nameQueries: [],
    warehouses: [],
    bins: [],
    technicians: [],
    techNames: [],
    woCodes: [],
  };
  // As the initial sync does: load without the secondary indexes, then build them.
  const indexes = Object.values(sqliteMirrorTables).flatMap((table) => mirrorIndexDdl(table));
  for (const ddl of indexes)
    db.exec(`DROP INDEX IF EXISTS ${/INDEX IF NOT EXISTS ("[^"]+")/.exec(ddl)?.[1] ?? ''}`);
  db.transaction(() => {
    insert(db, 'tenants', ['id', 'slug', 'name', 'settings']).run(tenantId, 'bench', 'Bench', '{}');
    const location = insert(db, 'locations', [
      'id',
      'tenant_id',
      'parent_id',
      'name',
      'type',
      'code',
      'site_id',
      'is_active',
    ]);
    location.run(siteId, tenantId, null, 'Bench site', 'site', 'BENCH', siteId, 1);
    for (let w = 0; w < 5; w++) {
      const id = randomUUID();
      world.warehouses.push(id);
      location.run(id, tenantId, siteId, `Warehouse ${w + 1}`, 'warehouse', `WH-${w + 1}`, siteId, 1);
    }
    for (let a = 0; a < 10; a++)
      for (let r = 1; r <= 20; r++)
        for (let l = 1; l <= 10; l++)
          world.bins.push(
            `${String.fromCharCode(65 + a)}-${String(r).padStart(2, '0')}-${String(l).padStart(2, '0')}`,
          );

    const part = insert(db, 'parts', [
      'id',
      'tenant_id',
      'sku',
      'name',
      'category',
      'min_level',
      'unit',
      'unit_cost',
      'barcode',
      'is_active',
    ]);
    for (let p = 0; p < partCount; p++) {
      const id = randomUUID();
      const category = CATEGORIES[p % CATEGORIES.length] ?? 'FLT';
      const sku = `${category}-${String(100_001 + p)}`;
      const item = ITEMS[int(ITEMS.length)] ?? 'Filter';
      const brand = BRANDS[int(BRANDS.length)] ?? 'Bosch';
      const name = `${item}, ${brand} ${String.fromCharCode(65 + int(26))}${100 + int(900)}`;
      const barcode = rand() < 0.9 ? String(4_006_381_000_000 + p) : null;
      part.run(
        id,
        tenantId,
        sku,
        name,
        category,
        rand() < 0.15 ? 0 : 1 + int(40),
        'piece',
        1 + int(500),
        barcode,
        1,
      );
      world.partIds.push(id);
      world.skus.push(sku);
      if (barcode !== null && world.barcodes.length < 500) world.barcodes.push(barcode);
      if (p < 200) world.nameQueries.push(`${item.toLowerCase()}, ${brand.toLowerCase().slice(0, 3)}`);
    }

    const stock = insert(db, 'inventory_stock', [
      'id',
      'tenant_id',
      'part_id',
      'location_id',
      'qty_on_hand',
      'bin_location',
    ]);
    for (let i = 0; i < stockRows; i++) {
      const p = i % partCount;
      const k = Math.floor(i / partCount);
      const w = (p + k) % 5;
      const bin = world.bins[(p * 31 + Math.floor(k / 5) * 7) % world.bins.length] ?? 'A-01-01';
      // About 3% of the parts are nearly out of stock.
      const qty = p % 33 === 0 ? int(2) : int(30);
      stock.run(randomUUID(), tenantId, world.partIds[p], world.warehouses[w], qty, bin);
    }

    const user = insert(db, 'users', [
      'id',
      'tenant_id',
      'email',
      'full_name',
      'role',
      'password_hash',
      'badge_code',
      'site_id',
      'is_active',
    ]);
    const wallet = insert(db, 'inventory_wallets', ['id', 'tenant_id', 'user_id', 'part_id', 'qty_held']);
    const storekeeper = randomUUID();
    user.run(storekeeper, tenantId, 'store@bench', 'Store Keeper', 'storekeeper', 'x', null, siteId, 1);
    for (let t = 0; t < 200; t++) {
      const id = randomUUID();
      const name = `${BRANDS[t % BRANDS.length] ?? ''} Tech${t}`;
      user.run(
        id,
        tenantId,
        `tech${t}@bench`,
        name,
        'technician',
        'x',
        `B${1000 + t}`,
        t < 150 ? siteId : null,
        1,
      );
      world.technicians.push(id);
      world.techNames.push(`tech${t}`);
      for (let j = 0; j < 8; j++)
        wallet.run(randomUUID(), tenantId, id, world.partIds[int(400)], 1 + int(10));
    }

    const asset = insert(db, 'assets', ['id', 'tenant_id', 'location_id', 'name', 'status']);
    const wo = insert(db, 'work_orders', [
      'id',
      'tenant_id',
      'code',
      'asset_id',
      'status',
      'origin',
      'priority',
      'title',
    ]);
    const assets = Array.from({ length: 2000 }, (_, a) => {
      const id = randomUUID();
      asset.run(id, tenantId, siteId, `Truck ${a}`, 'in_service');
      return id;
    });
    const statuses = ['closed', 'closed', 'closed', 'closed', 'cancelled', 'draft', 'ready', 'in_progress'];
    for (let n = 0; n < 50_000; n++) {
      const code = `WO-${String(n + 1).padStart(6, '0')}`;
      wo.run(
        randomUUID(),
        tenantId,
        code,
        assets[n % assets.length],
        statuses[n % statuses.length],
        'cm',
        'normal',
        `Service ${n}`,
      );
      if (n % 8 >= 5) world.woCodes.push(code);
    }

    const movement = insert(db, 'stock_movements', [
      'id',
      'tenant_id',
      'op_id',
      'station_id',
      'movement_type',
      'part_id',
      'location_id',
      'bin_location',
      'technician_id',
      'qty_delta',
      'qty_after',
      'wallet_qty_after',
      'performed_by_user_id',
      'occurred_at',
    ]);
    for (let m = 0; m < 300_000; m++) {
      const p = int(partCount);
      const tech = m % 3 === 0 ? world.technicians[int(150)] : null;
      const at = new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString();
      movement.run(
        randomUUID(),
        tenantId,
        randomUUID(),
        stationId,
        tech ? 'issue' : 'receive',
        world.partIds[p],
        world.warehouses[p % 5],
        world.bins[(p * 31) % world.bins.length],
        tech,
        tech ? -1 : 5,
        10,
        tech ? 3 : null,
        storekeeper,
        at,
      );
    }

    const outbox = db.prepare(
      `INSERT INTO outbox (op_id, type, user_id, payload, summary, created_at) VALUES (?, 'wallet.issue', ?, ?, 'bench', ?)`,
    );
    const effect = db.prepare(`INSERT INTO pending_effects (op_id, entity, key, delta) VALUES (?, ?, ?, ?)`);
    for (let o = 0; o < 500; o++) {
      const opId = randomUUID();
      const p = int(partCount);
      const tech = world.technicians[int(150)] ?? '';
      const partId = world.partIds[p] ?? '';
      const payload = { part_id: partId, technician_id: tech };
      outbox.run(opId, storekeeper, JSON.stringify(payload), new Date().toISOString());
      effect.run(
        opId,
        'stock',
        `${partId}|${world.warehouses[p % 5] ?? ''}|${world.bins[(p * 31) % world.bins.length] ?? ''}`,
        -1,
      );
      effect.run(opId, 'wallet', `${tech}|${partId}`, 1);
    }
  })();
  for (const ddl of indexes) db.exec(ddl);
  return world;
}
