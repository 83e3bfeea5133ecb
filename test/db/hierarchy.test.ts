// Hierarchies (0002): location typing and the computed site_id, cycle prevention for locations,
// assets and PM suppression chains, and the recursive subtree/path functions.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import {
  expectPgError,
  insertAsset,
  insertBuilding,
  insertLocation,
  insertPmSchedule,
  insertSite,
  insertTenant,
  type LocationType,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const CHECK = '23514';

let db: TestDatabase;
let c: pg.Client;
let tenantId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  c = new pg.Client({ connectionString: db.url });
  await c.connect();
  tenantId = await insertTenant(c);
});
afterAll(async () => {
  await c.end();
  await db.drop();
});

async function siteIdOf(locationId: string): Promise<string | undefined> {
  const { rows } = await c.query<{ site_id: string }>('SELECT site_id FROM locations WHERE id = $1', [
    locationId,
  ]);
  return rows[0]?.site_id;
}

async function siteIdsOf(ids: string[]): Promise<(string | undefined)[]> {
  return Promise.all(ids.map((id) => siteIdOf(id)));
}

describe('location typing', () => {
  it('accepts a site without a parent and rejects a site inside any location', async () => {
    const siteId = await insertSite(c, tenantId);
    const buildingId = await insertBuilding(c, tenantId, siteId);
    for (const parentId of [siteId, buildingId]) {
      await expectPgError(insertLocation(c, tenantId, 'site', parentId), CHECK, 'locations_type_parent');
    }
    await expectPgError(
      c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [await insertSite(c, tenantId), siteId]),
      CHECK,
      'locations_type_parent',
    );
  });

  it('puts a building directly inside a site and nowhere else', async () => {
    const siteId = await insertSite(c, tenantId);
    const buildingId = await insertBuilding(c, tenantId, siteId);
    const areaId = await insertLocation(c, tenantId, 'area', siteId);
    const roomId = await insertLocation(c, tenantId, 'room', buildingId);
    const warehouseId = await insertLocation(c, tenantId, 'warehouse', buildingId);
    for (const parentId of [buildingId, areaId, roomId, warehouseId]) {
      await expectPgError(insertLocation(c, tenantId, 'building', parentId), CHECK, 'locations_type_parent');
    }
    await expectPgError(insertLocation(c, tenantId, 'building', null), CHECK, 'locations_type_parent');
  });

  it.each(['room', 'area', 'warehouse'] as LocationType[])(
    'puts a %s inside a site, building or area, and nowhere else',
    async (type) => {
      const siteId = await insertSite(c, tenantId);
      const buildingId = await insertBuilding(c, tenantId, siteId);
      const areaId = await insertLocation(c, tenantId, 'area', buildingId);
      const roomId = await insertLocation(c, tenantId, 'room', buildingId);
      const warehouseId = await insertLocation(c, tenantId, 'warehouse', buildingId);
      for (const parentId of [siteId, buildingId, areaId]) {
        await insertLocation(c, tenantId, type, parentId);
      }
      for (const parentId of [roomId, warehouseId]) {
        await expectPgError(insertLocation(c, tenantId, type, parentId), CHECK, 'locations_type_parent');
      }
      await expectPgError(insertLocation(c, tenantId, type, null), CHECK, 'locations_type_parent');
    },
  );

  it('rejects moving a room under another room', async () => {
    const siteId = await insertSite(c, tenantId);
    const buildingId = await insertBuilding(c, tenantId, siteId);
    const roomA = await insertLocation(c, tenantId, 'room', buildingId);
    const roomB = await insertLocation(c, tenantId, 'room', buildingId);
    await expectPgError(
      c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [roomB, roomA]),
      CHECK,
      'locations_type_parent',
    );
  });

  it('rejects changing the type of a location that has locations inside it', async () => {
    const siteId = await insertSite(c, tenantId);
    const areaId = await insertLocation(c, tenantId, 'area', siteId);
    await insertLocation(c, tenantId, 'room', areaId);
    await expectPgError(
      c.query(`UPDATE locations SET type = 'room' WHERE id = $1`, [areaId]),
      CHECK,
      'locations_type_parent',
    );
  });
});

describe('site_id', () => {
  it('is computed on insert, whatever the caller supplies', async () => {
    const siteId = await insertSite(c, tenantId);
    const otherSite = await insertSite(c, tenantId);
    const buildingId = await insertBuilding(c, tenantId, siteId, { site_id: otherSite });
    const areaId = await insertLocation(c, tenantId, 'area', buildingId);
    const roomId = await insertLocation(c, tenantId, 'room', areaId);
    expect(await siteIdsOf([siteId, buildingId, areaId, roomId])).toEqual([siteId, siteId, siteId, siteId]);
  });

  it('follows a building that moves to another site, down to all its descendants', async () => {
    const siteA = await insertSite(c, tenantId);
    const siteB = await insertSite(c, tenantId);
    const building = await insertBuilding(c, tenantId, siteA);
    const area = await insertLocation(c, tenantId, 'area', building);
    const innerArea = await insertLocation(c, tenantId, 'area', area);
    const room = await insertLocation(c, tenantId, 'room', innerArea);
    const warehouse = await insertLocation(c, tenantId, 'warehouse', building);
    const stayingBuilding = await insertBuilding(c, tenantId, siteA);
    const stayingRoom = await insertLocation(c, tenantId, 'room', stayingBuilding);

    await c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [building, siteB]);

    expect(await siteIdsOf([building, area, innerArea, room, warehouse])).toEqual([
      siteB,
      siteB,
      siteB,
      siteB,
      siteB,
    ]);
    expect(await siteIdsOf([stayingBuilding, stayingRoom])).toEqual([siteA, siteA]);
  });

  it('follows a room that moves to a building of another site', async () => {
    const siteA = await insertSite(c, tenantId);
    const siteB = await insertSite(c, tenantId);
    const buildingA = await insertBuilding(c, tenantId, siteA);
    const buildingB = await insertBuilding(c, tenantId, siteB);
    const area = await insertLocation(c, tenantId, 'area', buildingA);
    const room = await insertLocation(c, tenantId, 'room', area);
    await c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [area, buildingB]);
    expect(await siteIdsOf([area, room])).toEqual([siteB, siteB]);
  });

  it('cannot be set by hand to another site', async () => {
    const siteA = await insertSite(c, tenantId);
    const siteB = await insertSite(c, tenantId);
    const building = await insertBuilding(c, tenantId, siteA);
    const room = await insertLocation(c, tenantId, 'room', building);
    await c.query('UPDATE locations SET site_id = $2 WHERE id = ANY ($1)', [[building, room], siteB]);
    expect(await siteIdsOf([building, room])).toEqual([siteA, siteA]);
  });
});

describe('cycle prevention', () => {
  it('rejects a location placed under its own child', async () => {
    const siteId = await insertSite(c, tenantId);
    const areaA = await insertLocation(c, tenantId, 'area', siteId);
    const areaB = await insertLocation(c, tenantId, 'area', areaA);
    await expectPgError(
      c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [areaA, areaB]),
      CHECK,
      'locations_no_cycle',
    );
  });

  it('rejects a location placed under a deep descendant (A > B > C, then A under C)', async () => {
    const siteId = await insertSite(c, tenantId);
    const areaA = await insertLocation(c, tenantId, 'area', siteId);
    const areaB = await insertLocation(c, tenantId, 'area', areaA);
    const areaC = await insertLocation(c, tenantId, 'area', areaB);
    const error = await expectPgError(
      c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [areaA, areaC]),
      CHECK,
      'locations_no_cycle',
    );
    expect(error.message).toContain('own descendants');
    const { rows } = await c.query<{ parent_id: string }>('SELECT parent_id FROM locations WHERE id = $1', [
      areaA,
    ]);
    expect(rows[0]?.parent_id).toBe(siteId);
  });

  it('rejects a location placed under itself', async () => {
    const siteId = await insertSite(c, tenantId);
    const areaA = await insertLocation(c, tenantId, 'area', siteId);
    await expectPgError(
      c.query('UPDATE locations SET parent_id = id WHERE id = $1', [areaA]),
      CHECK,
      'locations_no_cycle',
    );
  });

  it('still lets a location move sideways', async () => {
    const siteId = await insertSite(c, tenantId);
    const areaA = await insertLocation(c, tenantId, 'area', siteId);
    const areaB = await insertLocation(c, tenantId, 'area', siteId);
    const areaC = await insertLocation(c, tenantId, 'area', areaA);
    await c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [areaC, areaB]);
    await c.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [areaA, areaC]);
  });

  it('rejects an asset placed inside its own component, directly or deep down', async () => {
    const siteId = await insertSite(c, tenantId);
    const unit = await insertAsset(c, tenantId, siteId);
    const engine = await insertAsset(c, tenantId, siteId, { parent_id: unit });
    const turbo = await insertAsset(c, tenantId, siteId, { parent_id: engine });
    await expectPgError(
      c.query('UPDATE assets SET parent_id = $2 WHERE id = $1', [unit, engine]),
      CHECK,
      'assets_no_cycle',
    );
    await expectPgError(
      c.query('UPDATE assets SET parent_id = $2 WHERE id = $1', [unit, turbo]),
      CHECK,
      'assets_no_cycle',
    );
    await expectPgError(
      c.query('UPDATE assets SET parent_id = id WHERE id = $1', [engine]),
      CHECK,
      'assets_no_cycle',
    );
    // Moving a component to another unit is fine.
    const otherUnit = await insertAsset(c, tenantId, siteId);
    await c.query('UPDATE assets SET parent_id = $2 WHERE id = $1', [turbo, otherUnit]);
  });

  it('rejects an asset that is its own parent on insert', async () => {
    const siteId = await insertSite(c, tenantId);
    const id = uuidv7();
    await expectPgError(
      insertAsset(c, tenantId, siteId, { id, parent_id: id }),
      CHECK,
      'assets_not_own_parent',
    );
  });

  it('rejects a PM suppression chain that loops, directly or deep down', async () => {
    const siteId = await insertSite(c, tenantId);
    const assetId = await insertAsset(c, tenantId, siteId);
    const pm2000 = await insertPmSchedule(c, tenantId, assetId, { name: '2000 h', interval_meter: 2000 });
    const pm1000 = await insertPmSchedule(c, tenantId, assetId, {
      name: '1000 h',
      interval_meter: 1000,
      suppressed_by_schedule_id: pm2000,
    });
    const pm500 = await insertPmSchedule(c, tenantId, assetId, {
      name: '500 h',
      interval_meter: 500,
      suppressed_by_schedule_id: pm1000,
    });
    await expectPgError(
      c.query('UPDATE pm_schedules SET suppressed_by_schedule_id = $2 WHERE id = $1', [pm2000, pm1000]),
      CHECK,
      'pm_schedules_no_cycle',
    );
    await expectPgError(
      c.query('UPDATE pm_schedules SET suppressed_by_schedule_id = $2 WHERE id = $1', [pm2000, pm500]),
      CHECK,
      'pm_schedules_no_cycle',
    );
    await expectPgError(
      c.query('UPDATE pm_schedules SET suppressed_by_schedule_id = id WHERE id = $1', [pm500]),
      CHECK,
      'pm_schedules_no_cycle',
    );
  });

  it('rejects a PM schedule suppressed by a schedule of another asset', async () => {
    const siteId = await insertSite(c, tenantId);
    const assetA = await insertAsset(c, tenantId, siteId);
    const assetB = await insertAsset(c, tenantId, siteId);
    const pmA = await insertPmSchedule(c, tenantId, assetA);
    const pmB = await insertPmSchedule(c, tenantId, assetB);
    await expectPgError(
      insertPmSchedule(c, tenantId, assetB, { suppressed_by_schedule_id: pmA }),
      CHECK,
      'pm_schedules_suppressed_by_same_asset',
    );
    await expectPgError(
      c.query('UPDATE pm_schedules SET suppressed_by_schedule_id = $2 WHERE id = $1', [pmB, pmA]),
      CHECK,
      'pm_schedules_suppressed_by_same_asset',
    );
    const pmA2 = await insertPmSchedule(c, tenantId, assetA, { suppressed_by_schedule_id: pmA });
    await expectPgError(
      c.query('UPDATE pm_schedules SET asset_id = $2 WHERE id = $1', [pmA2, assetB]),
      CHECK,
      'pm_schedules_suppressed_by_same_asset',
    );
  });
});

describe('recursive queries', () => {
  interface TreeRow {
    id: string;
    parent_id: string | null;
    name: string;
    depth: number;
  }

  // Ids are UUIDv7, created in order, so siblings sort in creation order.
  const L = {
    site: uuidv7(),
    building: uuidv7(),
    area: uuidv7(),
    room: uuidv7(),
    warehouse: uuidv7(),
    building2: uuidv7(),
  };
  const A = {
    unit: uuidv7(),
    engine: uuidv7(),
    turbo: uuidv7(),
    bearing: uuidv7(),
    gearbox: uuidv7(),
  };

  beforeAll(async () => {
    // Site > Building > Area > Room, Building > Warehouse, Site > Building 2.
    await insertLocation(c, tenantId, 'site', null, { id: L.site, name: 'Site' });
    await insertLocation(c, tenantId, 'building', L.site, { id: L.building, name: 'Building' });
    await insertLocation(c, tenantId, 'area', L.building, { id: L.area, name: 'Area' });
    await insertLocation(c, tenantId, 'room', L.area, { id: L.room, name: 'Room' });
    await insertLocation(c, tenantId, 'warehouse', L.building, { id: L.warehouse, name: 'Warehouse' });
    await insertLocation(c, tenantId, 'building', L.site, { id: L.building2, name: 'Building 2' });
    // Unit > Engine > Turbo > Bearing, Unit > Gearbox.
    await insertAsset(c, tenantId, L.site, { id: A.unit, name: 'Unit' });
    await insertAsset(c, tenantId, L.site, { id: A.engine, name: 'Engine', parent_id: A.unit });
    await insertAsset(c, tenantId, L.site, { id: A.turbo, name: 'Turbo', parent_id: A.engine });
    await insertAsset(c, tenantId, L.site, { id: A.bearing, name: 'Bearing', parent_id: A.turbo });
    await insertAsset(c, tenantId, L.site, { id: A.gearbox, name: 'Gearbox', parent_id: A.unit });
  });

  async function rows(fn: string, id: string): Promise<TreeRow[]> {
    const result = await c.query<TreeRow>(`SELECT id, parent_id, name, depth FROM ${fn}($1)`, [id]);
    return result.rows;
  }

  it('location_subtree returns the whole tree depth-first with depths', async () => {
    expect(await rows('location_subtree', L.site)).toEqual([
      { id: L.site, parent_id: null, name: 'Site', depth: 0 },
      { id: L.building, parent_id: L.site, name: 'Building', depth: 1 },
      { id: L.area, parent_id: L.building, name: 'Area', depth: 2 },
      { id: L.room, parent_id: L.area, name: 'Room', depth: 3 },
      { id: L.warehouse, parent_id: L.building, name: 'Warehouse', depth: 2 },
      { id: L.building2, parent_id: L.site, name: 'Building 2', depth: 1 },
    ]);
  });

  it('location_subtree of an inner node starts at depth 0 and stays inside it', async () => {
    expect(await rows('location_subtree', L.building)).toEqual([
      { id: L.building, parent_id: L.site, name: 'Building', depth: 0 },
      { id: L.area, parent_id: L.building, name: 'Area', depth: 1 },
      { id: L.room, parent_id: L.area, name: 'Room', depth: 2 },
      { id: L.warehouse, parent_id: L.building, name: 'Warehouse', depth: 1 },
    ]);
    expect(await rows('location_subtree', L.room)).toEqual([
      { id: L.room, parent_id: L.area, name: 'Room', depth: 0 },
    ]);
  });

  it('location_path returns the ancestors from the root down to the leaf', async () => {
    expect(await rows('location_path', L.room)).toEqual([
      { id: L.site, parent_id: null, name: 'Site', depth: 0 },
      { id: L.building, parent_id: L.site, name: 'Building', depth: 1 },
      { id: L.area, parent_id: L.building, name: 'Area', depth: 2 },
      { id: L.room, parent_id: L.area, name: 'Room', depth: 3 },
    ]);
    expect(await rows('location_path', L.warehouse)).toEqual([
      { id: L.site, parent_id: null, name: 'Site', depth: 0 },
      { id: L.building, parent_id: L.site, name: 'Building', depth: 1 },
      { id: L.warehouse, parent_id: L.building, name: 'Warehouse', depth: 2 },
    ]);
    expect(await rows('location_path', L.site)).toEqual([
      { id: L.site, parent_id: null, name: 'Site', depth: 0 },
    ]);
  });

  it('asset_subtree returns the unit and all its components depth-first with depths', async () => {
    expect(await rows('asset_subtree', A.unit)).toEqual([
      { id: A.unit, parent_id: null, name: 'Unit', depth: 0 },
      { id: A.engine, parent_id: A.unit, name: 'Engine', depth: 1 },
      { id: A.turbo, parent_id: A.engine, name: 'Turbo', depth: 2 },
      { id: A.bearing, parent_id: A.turbo, name: 'Bearing', depth: 3 },
      { id: A.gearbox, parent_id: A.unit, name: 'Gearbox', depth: 1 },
    ]);
    expect(await rows('asset_subtree', A.engine)).toEqual([
      { id: A.engine, parent_id: A.unit, name: 'Engine', depth: 0 },
      { id: A.turbo, parent_id: A.engine, name: 'Turbo', depth: 1 },
      { id: A.bearing, parent_id: A.turbo, name: 'Bearing', depth: 2 },
    ]);
  });

  it('asset_path returns the chain from the unit down to the component', async () => {
    expect(await rows('asset_path', A.bearing)).toEqual([
      { id: A.unit, parent_id: null, name: 'Unit', depth: 0 },
      { id: A.engine, parent_id: A.unit, name: 'Engine', depth: 1 },
      { id: A.turbo, parent_id: A.engine, name: 'Turbo', depth: 2 },
      { id: A.bearing, parent_id: A.turbo, name: 'Bearing', depth: 3 },
    ]);
    expect(await rows('asset_path', A.gearbox)).toEqual([
      { id: A.unit, parent_id: null, name: 'Unit', depth: 0 },
      { id: A.gearbox, parent_id: A.unit, name: 'Gearbox', depth: 1 },
    ]);
  });

  it('returns no rows for an unknown id', async () => {
    const unknown = uuidv7();
    for (const fn of ['location_subtree', 'location_path', 'asset_subtree', 'asset_path']) {
      expect(await rows(fn, unknown)).toEqual([]);
    }
  });

  it('returns the location type and code, and the asset location', async () => {
    const { rows: path } = await c.query<{ type: string; code: string }>(
      'SELECT type, code FROM location_path($1)',
      [L.room],
    );
    expect(path.map((r) => r.type)).toEqual(['site', 'building', 'area', 'room']);
    expect(path.every((r) => /^[A-Z]+-\d+$/.test(r.code))).toBe(true);
    const { rows: tree } = await c.query<{ location_id: string }>(
      'SELECT location_id FROM asset_subtree($1)',
      [A.unit],
    );
    expect(tree.map((r) => r.location_id)).toEqual([L.site, L.site, L.site, L.site, L.site]);
  });
});
