// The fleet of one tenant: units with their components inside them (assets.parent_id), their
// identities (client code, QR token, manufacturer EAN-13), meters and technical specs.
import { makeEan13 } from './barcodes.ts';
import {
  fuelTankLitres,
  serialNumber,
  type AssetKind,
  type AssetModel,
  type ComponentKind,
  type Specs,
} from './catalog-assets.ts';
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { Org } from './gen-org.ts';

export type AssetStatus = 'in_service' | 'out_of_service' | 'in_transit' | 'disposed';

export interface AssetRec {
  index: number;
  id: string;
  kind: AssetKind;
  model: AssetModel;
  /** Set for a component (an asset inside a unit). */
  component: ComponentKind | null;
  parent: AssetRec | null;
  children: AssetRec[];
  name: string;
  code: string;
  siteCode: string;
  locationId: string;
  status: AssetStatus;
  serial: string;
  /** Run hours before the daily-log window. */
  hoursBase: number;
  /** Odometer (km) before the daily-log window, for road vehicles and trailers. */
  kmBase: number | null;
  /** Days before the anchor day on which daily logging stopped (0: still logging). */
  logStopDaysAgo: number;
}

export interface Fleet {
  all: AssetRec[];
  units: AssetRec[];
}

/** Units (and their components), spread over the sites by weight. */
export function buildFleet(ctx: TenantCtx, org: Org): Fleet {
  const rng = ctx.rng('fleet');
  const all: AssetRec[] = [];
  const units: AssetRec[] = [];
  const codeSeq = new Map<string, number>();
  const kinds = ctx.plan.fleet.map((k) => [k, k.weight] as const);
  const sites = Object.entries(ctx.plan.siteWeights);
  for (let u = 0; u < ctx.vol.units; u++) {
    // The first units cover every kind once, so even the smallest fleet is varied.
    const kind = u < ctx.plan.fleet.length ? (ctx.plan.fleet[u] as AssetKind) : rng.weighted(kinds);
    const model = rng.pick(kind.models);
    const siteCode = u < sites.length ? (sites[u]?.[0] ?? '') : rng.weighted(sites);
    const home = org.byCode.get(rng.pick(ctx.plan.assetHomes[siteCode] ?? [siteCode]));
    if (!home) throw new Error(`Seed plan: no asset home at ${siteCode}`);
    const n = (codeSeq.get(kind.prefix) ?? 100) + 1;
    codeSeq.set(kind.prefix, n);
    const roll = rng.next();
    const status: AssetStatus = roll < 0.04 ? 'disposed' : roll < 0.11 ? 'out_of_service' : 'in_service';
    const hasKm = kind.meter === 'km' || kind.meter === 'hours+km';
    const unit: AssetRec = {
      index: all.length,
      id: ctx.id('asset', all.length),
      kind,
      model,
      component: null,
      parent: null,
      children: [],
      name: `${kind.kind} ${model.make} ${model.model}`,
      code: `${kind.prefix}-${n}`,
      siteCode,
      locationId: home.id,
      status,
      serial: serialNumber(rng, model.make),
      hoursBase: kind.meter === 'km' || kind.meter === 'none' ? 0 : rng.decimal(200, 18_000, 1),
      kmBase: hasKm ? rng.decimal(8_000, 640_000, 1) : null,
      logStopDaysAgo: status === 'out_of_service' ? rng.int(1, 12) : 0,
    };
    all.push(unit);
    units.push(unit);
    kind.components.forEach((comp, ci) => {
      if (ci > 0 && !rng.chance(0.55)) return;
      const child: AssetRec = {
        ...unit,
        index: all.length,
        id: ctx.id('asset', all.length),
        component: comp,
        parent: unit,
        children: [],
        name: `${comp.name}${comp.make === undefined ? '' : `, ${comp.make} ${comp.model ?? ''}`.trimEnd()}`,
        code: `${unit.code}/${comp.suffix}`,
        status: unit.status === 'disposed' ? 'disposed' : 'in_service',
        serial: serialNumber(rng, comp.make ?? model.make),
        // An engine that was swapped has fewer hours than its unit.
        hoursBase: comp.hours
          ? Math.max(0, unit.hoursBase - (rng.chance(0.3) ? rng.decimal(0, unit.hoursBase, 1) : 0))
          : 0,
        kmBase: null,
      };
      unit.children.push(child);
      all.push(child);
    });
  }
  return { all, units };
}

/** Keeps components where their unit is (call after the logistics generator moved units). */
export function syncComponents(fleet: Fleet): void {
  for (const unit of fleet.units) {
    for (const child of unit.children) {
      child.locationId = unit.locationId;
      child.siteCode = unit.siteCode;
      if (unit.status === 'disposed' || unit.status === 'in_transit') child.status = unit.status;
    }
  }
}

export function assetRows(ctx: TenantCtx, fleet: Fleet): CopyRow[] {
  return fleet.all.map((a) => ({
    id: a.id,
    tenant_id: ctx.tenantId,
    parent_id: a.parent?.id ?? null,
    location_id: a.locationId,
    name: a.name,
    category: a.component ? 'Component' : a.kind.category,
    make: a.component ? (a.component.make ?? a.model.make) : a.model.make,
    model: a.component ? componentModel(a) : a.model.model,
    serial_number: a.serial,
    status: a.status,
  }));
}

/** A component's model: its own, or for the unit's engine the engine named in the unit's specs. */
function componentModel(a: AssetRec): string | null {
  if (a.component?.model !== undefined) return a.component.model;
  const engine = a.model.specs.engine;
  return a.component?.suffix === 'ENG' && typeof engine === 'string' ? engine : null;
}

/** One identity per asset: client code, QR token and, for most units, the maker's EAN-13 plate. */
export function identityRows(ctx: TenantCtx, fleet: Fleet): CopyRow[] {
  const rng = ctx.rng('identities');
  const itemRefs = new Map<string, number>();
  const tokens = new Set<string>();
  return fleet.all.map((a, i) => {
    let token = rng.token(24);
    while (tokens.has(token)) token = rng.token(24);
    tokens.add(token);
    let barcode: string | null = null;
    if (rng.chance(a.component ? 0.35 : 0.85)) {
      const ref = (itemRefs.get(a.model.gs1) ?? rng.int(100, 900)) + rng.int(1, 40);
      itemRefs.set(a.model.gs1, ref);
      barcode = makeEan13(a.model.gs1, ref);
    }
    return {
      id: ctx.id('identity', i),
      tenant_id: ctx.tenantId,
      asset_id: a.id,
      client_code: a.code,
      qr_token: token,
      barcode_manufacturer: barcode,
    };
  });
}

export function specRows(ctx: TenantCtx, fleet: Fleet): CopyRow[] {
  const rows: CopyRow[] = [];
  for (const a of fleet.all) {
    let specs: Specs | null = null;
    if (!a.component) {
      const year = 2008 + (a.index % 16);
      const tank = fuelTankLitres(a.kind);
      specs = {
        ...a.model.specs,
        year_of_manufacture: year,
        ...(tank === null ? {} : { fuel_tank_litres: tank }),
      };
    } else if (a.component.specs) {
      specs = a.component.specs;
    } else if (a.component.suffix === 'ENG' && typeof a.model.specs.engine === 'string') {
      specs = { engine: a.model.specs.engine, rpm: 1800, oil_capacity_l: 20 + (a.index % 5) * 8 };
    }
    if (specs === null) continue;
    rows.push({ id: ctx.id('spec', rows.length), tenant_id: ctx.tenantId, asset_id: a.id, specs });
  }
  return rows;
}

/** Whether the asset has a meter row (run hours and/or odometer). */
export function hasMeter(a: AssetRec): boolean {
  return a.component ? a.component.hours : a.kind.meter !== 'none';
}

/** Meter rows: base readings plus what the daily logs added (hoursAdded, kmAdded per asset id). */
export function meterRows(
  ctx: TenantCtx,
  fleet: Fleet,
  added: Map<string, { hours: number; km: number; lastDaysAgo: number }>,
): CopyRow[] {
  const rows: CopyRow[] = [];
  for (const a of fleet.all) {
    if (!hasMeter(a)) continue;
    const own = added.get(a.parent?.id ?? a.id);
    const hours = a.hoursBase + (a.component && !a.component.hours ? 0 : (own?.hours ?? 0));
    const km = a.kmBase === null ? null : a.kmBase + (own?.km ?? 0);
    const lastDaysAgo = own?.lastDaysAgo ?? 30 + (a.index % 60);
    rows.push({
      id: ctx.id('meter', rows.length),
      tenant_id: ctx.tenantId,
      asset_id: a.id,
      current_run_hours: fixed(hours, 2),
      current_odometer: km === null ? null : fixed(km, 1),
      last_updated_at: ctx.at(lastDaysAgo, 18.5),
    });
  }
  return rows;
}
