// What the logistics end-to-end test, screenshots and benchmark pick from the demo data (read from
// PostgreSQL as superuser): assets free to load at a site (with or without components), parts with
// stock in a plain bin, a warehouse of a site, and what the server holds about a truck afterwards.
import { withClient } from './test-database.ts';

export interface FreeAsset {
  id: string;
  code: string;
  /** Client codes of its components (those not disposed). */
  components: string[];
}

export interface StockedPart {
  id: string;
  sku: string;
  locationId: string;
  warehouse: string;
  bin: string;
  qty: number;
}

const FREE = `a.status IN ('in_service', 'out_of_service')
  AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id AND m.status IN ('loaded', 'in_transit'))`;

/** Units (no parent) at the site, free to load with their components: `withComponents` of them with some, then `more`. */
export async function freeUnits(
  adminUrl: string,
  siteCode: string,
  counts: { withComponents: number; more: number },
): Promise<FreeAsset[]> {
  return withClient(adminUrl, async (client) => {
    const pick = async (withComponents: boolean | null, n: number, skip: string[]): Promise<FreeAsset[]> => {
      const { rows } = await client.query<{ id: string; code: string; components: string[] }>(
        `SELECT a.id, i.client_code AS code,
                coalesce(array_agg(ci.client_code ORDER BY ci.client_code)
                  FILTER (WHERE ci.client_code IS NOT NULL), '{}') AS components
           FROM assets a
           JOIN asset_identities i ON i.asset_id = a.id
           JOIN locations l ON l.id = a.location_id
           JOIN locations s ON s.id = l.site_id
           LEFT JOIN assets c ON c.parent_id = a.id AND c.status <> 'disposed'
           LEFT JOIN asset_identities ci ON ci.asset_id = c.id
          WHERE s.code = $1 AND a.parent_id IS NULL AND i.client_code IS NOT NULL AND ${FREE}
          GROUP BY a.id, i.client_code
         HAVING ($2::boolean IS NULL OR (count(c.id) > 0) = $2) AND NOT a.id = ANY($4::uuid[])
            AND NOT bool_or(c.id IS NOT NULL AND EXISTS (SELECT 1 FROM asset_movements m
                  WHERE m.asset_id = c.id AND m.status IN ('loaded', 'in_transit')))
          ORDER BY i.client_code LIMIT $3`,
        [siteCode, withComponents, n, skip],
      );
      if (rows.length < n) throw new Error(`The demo data has fewer than ${n} free units at ${siteCode}.`);
      return rows;
    };
    const first = await pick(true, counts.withComponents, []);
    return [
      ...first,
      ...(await pick(
        null,
        counts.more,
        first.map((a) => a.id),
      )),
    ];
  });
}

/** Parts counted in pieces with at least `minQty` in a plain usable bin of the site, one bin each. */
export async function stockedParts(
  adminUrl: string,
  siteCode: string,
  n: number,
  minQty = 10,
): Promise<StockedPart[]> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{
      id: string;
      sku: string;
      location_id: string;
      warehouse: string;
      bin: string;
      qty: string;
    }>(
      `SELECT DISTINCT ON (p.id) p.id, p.sku, st.location_id, w.code AS warehouse, st.bin_location AS bin,
              st.qty_on_hand::text AS qty
         FROM inventory_stock st
         JOIN parts p ON p.id = st.part_id
         JOIN locations w ON w.id = st.location_id
         JOIN locations s ON s.id = w.site_id
        WHERE s.code = $1 AND w.type = 'warehouse' AND p.unit = 'piece' AND p.is_active
          AND st.bin_location <> 'QUARANTINE' AND st.bin_location ~ '^[A-Z0-9-]+$' AND st.qty_on_hand >= $3
        ORDER BY p.id, st.qty_on_hand DESC LIMIT $2`,
      [siteCode, n, minQty],
    );
    if (rows.length < n) throw new Error(`The demo data has fewer than ${n} stocked parts at ${siteCode}.`);
    return rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      locationId: r.location_id,
      warehouse: r.warehouse,
      bin: r.bin,
      qty: Number(r.qty),
    }));
  });
}

/** The first warehouse of the site: its id and code. */
export async function warehouseOf(adminUrl: string, siteCode: string): Promise<{ id: string; code: string }> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ id: string; code: string }>(
      `SELECT w.id, w.code FROM locations w JOIN locations s ON s.id = w.site_id
        WHERE s.code = $1 AND w.type = 'warehouse' AND w.is_active ORDER BY w.code LIMIT 1`,
      [siteCode],
    );
    const [row] = rows;
    if (!row) throw new Error(`${siteCode} has no warehouse.`);
    return row;
  });
}

/** The stock of a part in a bin on the server (0 when there is no row). */
export async function binQty(
  adminUrl: string,
  partId: string,
  locationId: string,
  bin: string,
): Promise<number> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ qty: string }>(
      `SELECT qty_on_hand::text AS qty FROM inventory_stock
        WHERE part_id = $1 AND location_id = $2 AND bin_location = $3`,
      [partId, locationId, bin],
    );
    return Number(rows[0]?.qty ?? 0);
  });
}

/**
 * Adds `count` plain units (no components) at a building of the site, each with a client code
 * `${prefix}-0001`, ...: a long truck for the benchmark and the long-truck test. Returns the codes
 * in order.
 */
export async function addPlainUnits(
  adminUrl: string,
  siteId: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ code: string }>(
      `WITH place AS (SELECT l.id, l.tenant_id FROM locations l WHERE l.site_id = $1 AND l.type = 'building'
                      ORDER BY l.code LIMIT 1),
            units AS (INSERT INTO assets (tenant_id, location_id, name, status)
                      SELECT place.tenant_id, place.id, $2 || ' pump ' || lpad(g::text, 4, '0'), 'in_service'
                        FROM place, generate_series(1, $3::int) g RETURNING id, tenant_id, name)
       INSERT INTO asset_identities (tenant_id, asset_id, client_code)
       SELECT tenant_id, id, $2 || '-' || split_part(name, ' ', 3) FROM units
       RETURNING client_code AS code`,
      [siteId, prefix, count],
    );
    if (rows.length !== count) throw new Error(`The site has no building to put ${prefix} units in.`);
    return rows.map((r) => r.code).sort();
  });
}
