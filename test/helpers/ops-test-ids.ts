// Shared ids of the station-side operation tests (the cache world of test/helpers/local-station.ts,
// used by src-main/ops/submit.test.ts and each operation's test file in test/db/<domain>/): one
// tenant, the station's site and another site, a warehouse at each, one user per role, a few more
// people, two parts, an asset and its work orders.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import type { StationScope } from '../../src-main/core/scope.ts';

export const NOW = new Date('2026-11-25T10:00:00.000Z');

export const tenantId = uuidv7();
export const siteId = uuidv7();
export const otherSiteId = uuidv7();
export const buildingId = uuidv7();
export const warehouseId = uuidv7();
export const otherSiteWarehouseId = uuidv7();
export const station: StationScope = { stationId: uuidv7(), tenantId, siteId };

export const users = {
  admin: uuidv7(),
  manager: uuidv7(),
  supervisor: uuidv7(),
  storekeeper: uuidv7(),
  logistics_clerk: uuidv7(),
  technician: uuidv7(),
  operator: uuidv7(),
} satisfies Record<UserRole, string>;

export const NAMES: Record<UserRole, string> = {
  admin: 'Ada Admin',
  manager: 'Max Manager',
  supervisor: 'Sue Visor',
  storekeeper: 'Sam Keeper',
  logistics_clerk: 'Lee Clerk',
  technician: 'Tia Tech',
  operator: 'Otto Operator',
};

export const tech2 = uuidv7(); // Tom Tech, a technician of the same site
export const awayTech = uuidv7(); // Olga Away, a technician whose home site is the other site
export const leaver = uuidv7(); // Rob Retired, an inactive technician who still holds parts
export const retiredKeeper = uuidv7(); // Rita Retired, an inactive storekeeper
export const retiredTech = uuidv7(); // Tom Retired, an inactive technician
export const bolt = uuidv7(); // BOLT-M8, counted in pieces
export const oil = uuidv7(); // OIL-15W40, in litres
export const generator = uuidv7(); // Generator 7, logged on 2025-03-01

/** Work orders of Generator 7, one per state ("WO-READY", "WO-IN-PROGRESS", ...). */
export const wos = {
  draft: uuidv7(),
  ready: uuidv7(),
  in_progress: uuidv7(),
  closed: uuidv7(),
  cancelled: uuidv7(),
};
