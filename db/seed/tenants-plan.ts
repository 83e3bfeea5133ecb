// The two demo organisations: Acme, a mining and plant-hire contractor in Kenya, and Globex, a road
// freight and warehousing company in Southern Africa. Their sites, buildings, rooms, areas and
// warehouses, and how the data volumes follow the requested number of stock rows.
import { LOGISTICS_FLEET, MINING_FLEET, type AssetKind } from './catalog-assets.ts';
import type { Region } from './names.ts';

export type LocationType = 'site' | 'building' | 'room' | 'area' | 'warehouse';

export interface LocationPlan {
  code: string;
  name: string;
  type: LocationType;
  /** Code of the parent location (none for a site). */
  parent: string | null;
}

export interface TenantPlan {
  slug: 'acme' | 'globex';
  name: string;
  industry: 'mining' | 'logistics';
  region: Region;
  emailDomain: string;
  filesHost: string;
  badgePrefix: string;
  agileMode: boolean;
  fleet: readonly AssetKind[];
  /** Sites first, every parent before its children. */
  locations: readonly LocationPlan[];
  /** Where units are kept, per site: location codes (not warehouses). */
  assetHomes: Readonly<Record<string, readonly string[]>>;
  /** Share of the fleet at each site. */
  siteWeights: Readonly<Record<string, number>>;
}

type L = [code: string, name: string, type: LocationType, parent: string | null];
const locations = (rows: readonly L[]): LocationPlan[] =>
  rows.map(([code, name, type, parent]) => ({ code, name, type, parent }));

// prettier-ignore
export const ACME: TenantPlan = {
  slug: 'acme',
  name: 'Acme Mining & Plant Hire Ltd',
  industry: 'mining',
  region: 'kenya',
  emailDomain: 'acme-mining.example',
  filesHost: 'files.acme-mining.example',
  badgePrefix: 'ACME',
  agileMode: false,
  fleet: MINING_FLEET,
  locations: locations([
    ['ACME-NBO', 'Nairobi Central Depot', 'site', null],
    ['ACME-MSA', 'Mombasa Port Yard', 'site', null],
    ['ACME-KWL', 'Kwale Mineral Sands Mine', 'site', null],
    ['ACME-NKR', 'Nakuru Plant Hire Depot', 'site', null],
    ['ACME-NBO-WS', 'Main Workshop', 'building', 'ACME-NBO'],
    ['ACME-NBO-WS-B1', 'Workshop Bay 1', 'room', 'ACME-NBO-WS'],
    ['ACME-NBO-WS-B2', 'Workshop Bay 2', 'room', 'ACME-NBO-WS'],
    ['ACME-NBO-SB', 'Stores Block', 'building', 'ACME-NBO'],
    ['ACME-NBO-WH1', 'Main Stores', 'warehouse', 'ACME-NBO-SB'],
    ['ACME-NBO-WH2', 'Lubricants Store', 'warehouse', 'ACME-NBO-SB'],
    ['ACME-NBO-YARD', 'Plant Yard', 'area', 'ACME-NBO'],
    ['ACME-MSA-WS', 'Port Workshop', 'building', 'ACME-MSA'],
    ['ACME-MSA-LAY', 'Laydown Area', 'area', 'ACME-MSA'],
    ['ACME-MSA-WH1', 'Port Stores', 'warehouse', 'ACME-MSA-LAY'],
    ['ACME-KWL-WS', 'Mine Workshop', 'building', 'ACME-KWL'],
    ['ACME-KWL-WS-WB', 'Wash Bay', 'room', 'ACME-KWL-WS'],
    ['ACME-KWL-PIT', 'Pit 1', 'area', 'ACME-KWL'],
    ['ACME-KWL-PLT', 'Processing Plant', 'area', 'ACME-KWL'],
    ['ACME-KWL-WH1', 'Mine Stores', 'warehouse', 'ACME-KWL'],
    ['ACME-KWL-WH2', 'Tyre Bay Store', 'warehouse', 'ACME-KWL-WS'],
    ['ACME-NKR-WS', 'Hire Workshop', 'building', 'ACME-NKR'],
    ['ACME-NKR-YARD', 'Hire Yard', 'area', 'ACME-NKR'],
    ['ACME-NKR-WH1', 'Depot Stores', 'warehouse', 'ACME-NKR-WS'],
  ]),
  assetHomes: {
    'ACME-NBO': ['ACME-NBO-YARD', 'ACME-NBO-YARD', 'ACME-NBO-WS-B1', 'ACME-NBO-WS-B2'],
    'ACME-MSA': ['ACME-MSA-LAY', 'ACME-MSA-WS'],
    'ACME-KWL': ['ACME-KWL-PIT', 'ACME-KWL-PIT', 'ACME-KWL-PLT', 'ACME-KWL-WS-WB'],
    'ACME-NKR': ['ACME-NKR-YARD', 'ACME-NKR-YARD', 'ACME-NKR-WS'],
  },
  siteWeights: { 'ACME-NBO': 3, 'ACME-MSA': 2, 'ACME-KWL': 4, 'ACME-NKR': 2 },
};

// prettier-ignore
export const GLOBEX: TenantPlan = {
  slug: 'globex',
  name: 'Globex Logistics (Pty) Ltd',
  industry: 'logistics',
  region: 'south_africa',
  emailDomain: 'globex-logistics.example',
  filesHost: 'files.globex-logistics.example',
  badgePrefix: 'GLBX',
  agileMode: true,
  fleet: LOGISTICS_FLEET,
  locations: locations([
    ['GLBX-JNB', 'Johannesburg Hub, City Deep', 'site', null],
    ['GLBX-DUR', 'Durban Port Depot, Bayhead', 'site', null],
    ['GLBX-CPT', 'Cape Town DC, Montague Gardens', 'site', null],
    ['GLBX-PLK', 'Polokwane Cross-dock', 'site', null],
    ['GLBX-GBE', 'Gaborone Depot', 'site', null],
    ['GLBX-JNB-XD', 'Cross-dock Shed', 'building', 'GLBX-JNB'],
    ['GLBX-JNB-XD-BC', 'Battery Charging Room', 'room', 'GLBX-JNB-XD'],
    ['GLBX-JNB-FW', 'Fleet Workshop', 'building', 'GLBX-JNB'],
    ['GLBX-JNB-WH1', 'Fleet Spares Store', 'warehouse', 'GLBX-JNB-FW'],
    ['GLBX-JNB-WH2', 'Tyre Store', 'warehouse', 'GLBX-JNB-FW'],
    ['GLBX-JNB-YARD', 'Truck Yard', 'area', 'GLBX-JNB'],
    ['GLBX-DUR-CY', 'Container Yard', 'area', 'GLBX-DUR'],
    ['GLBX-DUR-WS', 'Depot Workshop', 'building', 'GLBX-DUR'],
    ['GLBX-DUR-WH1', 'Depot Stores', 'warehouse', 'GLBX-DUR-WS'],
    ['GLBX-CPT-DC', 'DC Building', 'building', 'GLBX-CPT'],
    ['GLBX-CPT-DOCK', 'Loading Docks', 'area', 'GLBX-CPT-DC'],
    ['GLBX-CPT-WH1', 'Consumables Store', 'warehouse', 'GLBX-CPT-DC'],
    ['GLBX-PLK-XD', 'Cross-dock Shed', 'building', 'GLBX-PLK'],
    ['GLBX-PLK-WH1', 'Depot Stores', 'warehouse', 'GLBX-PLK'],
    ['GLBX-GBE-YARD', 'Depot Yard', 'area', 'GLBX-GBE'],
    ['GLBX-GBE-WH1', 'Stores Container', 'warehouse', 'GLBX-GBE-YARD'],
  ]),
  assetHomes: {
    'GLBX-JNB': ['GLBX-JNB-YARD', 'GLBX-JNB-YARD', 'GLBX-JNB-XD', 'GLBX-JNB-FW'],
    'GLBX-DUR': ['GLBX-DUR-CY', 'GLBX-DUR-CY', 'GLBX-DUR-WS'],
    'GLBX-CPT': ['GLBX-CPT-DOCK', 'GLBX-CPT-DC'],
    'GLBX-PLK': ['GLBX-PLK-XD', 'GLBX-PLK'],
    'GLBX-GBE': ['GLBX-GBE-YARD'],
  },
  siteWeights: { 'GLBX-JNB': 5, 'GLBX-DUR': 3, 'GLBX-CPT': 3, 'GLBX-PLK': 2, 'GLBX-GBE': 1 },
};

export const TENANTS: readonly TenantPlan[] = [ACME, GLOBEX];

export interface Volumes {
  stockRows: number;
  parts: number;
  /** Top-level assets (units); components come on top. */
  units: number;
  /** Days of daily logs. */
  logDays: number;
}

/** How much of everything a tenant gets for its share of the stock rows. */
export function tenantVolumes(stockRows: number): Volumes {
  const parts = Math.max(60, Math.ceil(stockRows / 10));
  const units = Math.min(4000, Math.max(24, Math.round(Math.sqrt(stockRows) * 1.2)));
  // Months of daily logs, so that each machine's normal hours and burn rate can be learnt.
  const logDays = stockRows < 20_000 ? 120 : stockRows < 200_000 ? 150 : 180;
  return { stockRows, parts, units, logDays };
}

/** Splits the total stock rows over the tenants (Acme gets the odd row). */
export function splitStockRows(total: number): [number, number] {
  const acme = Math.ceil(total / 2);
  return [acme, total - acme];
}
