// What a station pulls: its tenant's reference data and the transactional data of its site. Row
// level security already limits every query to the station's tenant; these rules narrow the
// per-site tables to the station's site.
//
// Reference data stays tenant-wide: users, locations, the asset register (assets and their
// identities, meters, specs), parts and PM schedules, because a scan or a lookup may name any of
// them. audit_logs is not mirrored at all (it stays on the server). Everything else belongs to
// the site where it happens, decided through a chain of "anchors":
//
//   locations.site_id -> assets.location_id -> work_orders -> wo_tasks, wo_consumables
//                                           -> service_requests, daily_logs
//   locations.site_id -> inventory_stock, shipments -> asset_movements, shipment_part_lines,
//                                                    shipment_seals, shipment_receipt_lines,
//                                                    shipment_discrepancies
//   users.site_id     -> inventory_wallets, stock_movements (with locations)
//
// Each condition is plain SQL valid in PostgreSQL and SQLite, built from uncorrelated
// `column IN (SELECT id FROM anchor WHERE ...)` subqueries: every subquery reads exactly one table
// and names only that table's columns, so the conditions nest without aliases and can be applied
// to an aliased outer table (the tombstone query does).
import { UUID_PATTERN } from '../../db/ids/uuidv7.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';

/** Tenant-wide tables whose rows are "at a site" and carry other tables' scope. */
export type SiteTable = 'locations' | 'users' | 'assets';
/** Tables whose rows decide whether rows of another table are in scope. */
export type AnchorTable = SiteTable | 'work_orders' | 'shipments';

export interface ScopeAnchor {
  /** The table whose rows decide membership (whether they are at the site)... */
  table: AnchorTable;
  /** ...and the column of the scoped table that points at them. */
  column: string;
}

export interface ScopeRule {
  /** SQL condition on the table's rows for the given site (valid in PostgreSQL and SQLite). */
  where(siteId: string): string;
  /**
   * The anchors of the rule: when an anchor row moves into the site its rows are fetched, when it
   * moves out its rows are dropped unless another anchor still keeps them in scope.
   */
  anchors: readonly ScopeAnchor[];
  /**
   * The rows' anchor columns never change (the database refuses it), so a row cannot leave the
   * scope by its own change and the pull need not look for such rows: for the busiest tables
   * (stock, wallets, movements) that would send every other site's changes to every station.
   */
  fixedAnchors?: true;
}

export function assertSiteId(siteId: string): string {
  if (!UUID_PATTERN.test(siteId)) throw new Error(`'${siteId}' is not a site id.`);
  return siteId;
}

/** `column` points at a row of `anchor` that is at the site. */
function atSite(column: string, anchor: AnchorTable, site: string): string {
  return `${column} IN (SELECT id FROM ${anchor} WHERE ${anchorRule(anchor).where(site)})`;
}

const anyOf = (...conditions: string[]): string => `(${conditions.join(' OR ')})`;

/**
 * The rows of the tenant-wide tables that are at the site. These tables are mirrored whole; the
 * conditions only decide which rows carry the scope of the per-site tables.
 */
export const AT_SITE: Record<SiteTable, ScopeRule> = {
  locations: { where: (site) => `site_id = '${assertSiteId(site)}'`, anchors: [] },
  users: { where: (site) => `site_id = '${assertSiteId(site)}'`, anchors: [] },
  // An asset is where its location is: moving it (location_id) or its location (site_id) moves
  // its maintenance history with it.
  assets: {
    where: (site) => atSite('location_id', 'locations', site),
    anchors: [{ table: 'locations', column: 'location_id' }],
  },
};

const onWorkOrder: ScopeRule = {
  where: (site) => atSite('wo_id', 'work_orders', site),
  anchors: [{ table: 'work_orders', column: 'wo_id' }],
};

// What hangs on a truck is where the truck is: at both ends. Its shipment never changes (migration
// 0013), so it arrives and leaves with the shipment (a redirected truck takes it along).
const onShipment: ScopeRule = {
  fixedAnchors: true,
  where: (site) => atSite('shipment_id', 'shipments', site),
  anchors: [{ table: 'shipments', column: 'shipment_id' }],
};

const onAsset: ScopeRule = {
  where: (site) => atSite('asset_id', 'assets', site),
  anchors: [{ table: 'assets', column: 'asset_id' }],
};

export const SITE_SCOPED: Partial<Record<MirrorTableName, ScopeRule>> = {
  // The maintenance of the assets at the site. A work order follows its asset; its tasks and the
  // parts used on it follow the work order, not the wallet or bin they came from (those were at
  // the site that held the work order when the part was booked), so a job stays whole in one place
  // and leaves with its asset.
  work_orders: onAsset,
  wo_tasks: onWorkOrder,
  service_requests: onAsset,
  wo_consumables: onWorkOrder,
  daily_logs: onAsset,
  // A stock row's warehouse and a wallet's technician never change (migration 0012).
  inventory_stock: {
    fixedAnchors: true,
    where: (site) => atSite('location_id', 'locations', site),
    anchors: [{ table: 'locations', column: 'location_id' }],
  },
  inventory_wallets: {
    fixedAnchors: true,
    where: (site) => atSite('user_id', 'users', site),
    anchors: [{ table: 'users', column: 'user_id' }],
  },
  // A truck is at both ends: the site that loads and dispatches it and the site that receives it.
  shipments: {
    where: (site) =>
      anyOf(
        atSite('origin_location_id', 'locations', site),
        atSite('destination_location_id', 'locations', site),
      ),
    anchors: [
      { table: 'locations', column: 'origin_location_id' },
      { table: 'locations', column: 'destination_location_id' },
    ],
  },
  // An asset movement is at the sites it leaves and reaches, and on the manifest of its shipment
  // wherever that shipment is: both ends check every unit on the truck, so a station that holds a
  // shipment holds all of its movements even when a movement's own ends (normally the shipment's
  // ends) were recorded as other locations. Movements inside a site have no shipment.
  asset_movements: {
    where: (site) =>
      anyOf(
        atSite('from_location_id', 'locations', site),
        atSite('to_location_id', 'locations', site),
        atSite('shipment_id', 'shipments', site),
      ),
    anchors: [
      { table: 'locations', column: 'from_location_id' },
      { table: 'locations', column: 'to_location_id' },
      { table: 'shipments', column: 'shipment_id' },
    ],
  },
  // The destination checks what comes off against the manifest (part lines, seals) and the
  // sending site sees what was received (receipt lines) and every discrepancy.
  shipment_part_lines: onShipment,
  shipment_seals: onShipment,
  shipment_receipt_lines: onShipment,
  shipment_discrepancies: onShipment,
  // The movement history of the site's bins and of its technicians' wallets (a movement between a
  // bin of another site and a technician of this one, or the reverse, is at both sites), so the
  // counter can show what happened to a bin or a wallet while offline. Movements can be many; the
  // rest of the tenant's history stays on the server.
  stock_movements: {
    where: (site) => anyOf(atSite('location_id', 'locations', site), atSite('technician_id', 'users', site)),
    // A stock movement cannot be changed (migration 0009), only followed by a correcting one.
    fixedAnchors: true,
    anchors: [
      { table: 'locations', column: 'location_id' },
      { table: 'users', column: 'technician_id' },
    ],
  },
};

export function isSiteTable(table: string): table is SiteTable {
  return table === 'locations' || table === 'users' || table === 'assets';
}

export function isAnchorTable(table: string): table is AnchorTable {
  return isSiteTable(table) || table === 'work_orders' || table === 'shipments';
}

/** Which rows of an anchor table are at the site (its own scope rule for a per-site table). */
export function anchorRule(table: AnchorTable): ScopeRule {
  const rule = isSiteTable(table) ? AT_SITE[table] : SITE_SCOPED[table];
  if (!rule) throw new Error(`No scope rule for the anchor table ${table}.`);
  return rule;
}
