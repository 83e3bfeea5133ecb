// Reads from the station cache that operations use to validate input before queueing it.
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';

export interface PartRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  is_active: number;
}

export interface LocationRow {
  id: string;
  code: string;
  name: string;
  type: string;
  site_id: string;
}

export interface UserRow {
  id: string;
  full_name: string;
  role: string;
  is_active: number;
  site_id: string | null;
}

export function requirePart(db: CacheDb, partId: string): PartRow {
  const part = db.prepare('SELECT id, sku, name, unit, is_active FROM parts WHERE id = ?').get(partId) as
    PartRow | undefined;
  if (!part) throw new OpError('unknown_part', 'That part is not in the catalogue.');
  return part;
}

export function requireSiteWarehouse(db: CacheDb, locationId: string, siteId: string): LocationRow {
  const location = db
    .prepare('SELECT id, code, name, type, site_id FROM locations WHERE id = ?')
    .get(locationId) as LocationRow | undefined;
  if (!location) throw new OpError('unknown_location', 'That warehouse does not exist.');
  if (location.type !== 'warehouse') {
    throw new OpError('not_a_warehouse', `${location.code} is a ${location.type}, not a warehouse.`);
  }
  if (location.site_id !== siteId)
    throw new OpError('other_site', `Warehouse ${location.code} belongs to another site.`);
  return location;
}

export function requireUser(db: CacheDb, userId: string): UserRow {
  const user = db
    .prepare('SELECT id, full_name, role, is_active, site_id FROM users WHERE id = ?')
    .get(userId) as UserRow | undefined;
  if (!user || !user.is_active)
    throw new OpError('unknown_user', 'That user is not an active user of this organisation.');
  return user;
}

/** A quantity in the part's unit: whole numbers for pieces, at most 3 decimals otherwise. */
export function checkQuantity(part: PartRow, qty: number, label: string): void {
  if (part.unit === 'piece' && !Number.isInteger(qty)) {
    throw new OpError(
      'invalid_quantity',
      `${part.sku} is counted in whole pieces; ${qty} is not a whole number.`,
    );
  }
  if (Math.round(qty * 1000) / 1000 !== qty)
    throw new OpError('invalid_quantity', `${label} has more than 3 decimals.`);
}
