// Shared ids of the station-side operation tests (submit.test.ts, counter-ops.test.ts): one tenant,
// the station's site and another site, a warehouse at each, and one user per role.
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
