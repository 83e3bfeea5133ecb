// Inventory of one tenant: the item master (parts), stock per warehouse bin and the technicians'
// wallets. Parts and stock are random access (item i is computed from the seed and i alone), so
// the big tables stream straight into COPY.
//
// Stock layout: stock row i belongs to part p = i mod P as its k-th placement, k = floor(i / P).
// Placement k lies in warehouse (p + k) mod W, in bin (h(p, w) + floor(k / W)) mod B. For a given
// part, different k give a different warehouse or a different bin, so (part, location, bin) is
// unique by construction, and row count is exactly the requested one.
import { makeEan13 } from './barcodes.ts';
import { CATEGORY_WEIGHTS, PART_CATEGORIES, PART_GS1_PREFIXES, type PartCategory } from './catalog-parts.ts';
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import { binLabel, type Org, type UserRec, type Warehouse } from './gen-org.ts';
import { hash32 } from './prng.ts';

export interface PartInfo {
  index: number;
  id: string;
  category: PartCategory;
  sku: string;
  name: string;
  unitCost: number;
  minLevel: number;
  barcode: string | null;
}

export interface StockPlacement {
  part: number;
  warehouse: Warehouse;
  bin: string;
}

export interface WalletRec {
  id: string;
  userId: string;
  part: number;
  qty: number;
}

const PART_NO_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export class Inventory {
  readonly partCount: number;
  readonly stockRows: number;
  private readonly weights: (readonly [PartCategory, number])[];
  private readonly cache = new Map<number, PartInfo>();
  /** Filled by partRows() (parts load before stock): ids and category numbers by part. */
  private partIds: string[] = [];
  private partCategories = new Uint8Array(0);

  constructor(
    private readonly ctx: TenantCtx,
    private readonly org: Org,
  ) {
    this.partCount = ctx.vol.parts;
    this.stockRows = ctx.vol.stockRows;
    const table = CATEGORY_WEIGHTS[ctx.plan.industry];
    this.weights = PART_CATEGORIES.map((c) => [c, table[c.code] ?? 0] as const).filter(([, w]) => w > 0);
    if (org.warehouses.length === 0) throw new Error(`Seed plan: ${ctx.slug} has no warehouse`);
  }

  /** Part number `p` (0-based), the same on every call. */
  part(p: number): PartInfo {
    const cached = this.cache.get(p);
    if (cached) return cached;
    const rng = this.ctx.rng('part', p);
    const category = rng.weighted(this.weights);
    const brand = rng.pick(category.brands);
    const item = rng.pick(category.items);
    const partNo = `${rng.chars(PART_NO_LETTERS, 2)}${rng.digits(rng.int(4, 6))}`;
    const k = PART_GS1_PREFIXES.length;
    const info: PartInfo = {
      index: p,
      id: this.ctx.id('part', p),
      category,
      sku: `${category.code}-${String(100_001 + p)}`,
      name: `${item}, ${brand} ${partNo}`,
      unitCost: rng.decimal(category.cost[0], category.cost[1], 2),
      minLevel: rng.chance(0.15) ? 0 : rng.int(category.minLevel[0], category.minLevel[1]),
      // Distinct part numbers give distinct (prefix, item reference) pairs: unique per tenant.
      barcode: rng.chance(0.9) ? makeEan13(PART_GS1_PREFIXES[p % k] ?? '4006381', Math.floor(p / k)) : null,
    };
    if (this.cache.size < 4096) this.cache.set(p, info);
    return info;
  }

  /** The category of part p: the first draw of its stream, so it matches part(p). */
  category(p: number): PartCategory {
    return this.ctx.rng('part', p).weighted(this.weights);
  }

  /** Where stock row i sits. */
  placement(i: number): StockPlacement {
    const p = i % this.partCount;
    const k = Math.floor(i / this.partCount);
    const warehouses = this.org.warehouses;
    const w = warehouses[(p + k) % warehouses.length] as Warehouse;
    const j = Math.floor(k / warehouses.length);
    const base = hash32(this.ctx.seed >>> 0, p, w.index) % w.bins;
    return { part: p, warehouse: w, bin: binLabel(w, (base + j) % w.bins) };
  }

  /** The first placement of part p, if it has stock at all (p < stock rows). */
  firstPlacement(p: number): StockPlacement | null {
    return p < this.stockRows ? this.placement(p) : null;
  }

  /** Number of parts that have at least one stock row. */
  get stockedParts(): number {
    return Math.min(this.partCount, this.stockRows);
  }

  *partRows(): Generator<CopyRow> {
    this.partIds = new Array<string>(this.partCount);
    this.partCategories = new Uint8Array(this.partCount);
    for (let p = 0; p < this.partCount; p++) {
      const part = this.part(p);
      this.partIds[p] = part.id;
      this.partCategories[p] = PART_CATEGORIES.indexOf(part.category);
      yield {
        id: part.id,
        tenant_id: this.ctx.tenantId,
        sku: part.sku,
        name: part.name,
        category: part.category.name,
        min_level: fixed(part.minLevel, 3),
        unit: part.category.unit,
        unit_cost: fixed(part.unitCost, 2),
        barcode: part.barcode,
      };
    }
  }

  *stockRowsIter(): Generator<CopyRow> {
    for (let i = 0; i < this.stockRows; i++) {
      const at = this.placement(i);
      const known = this.partIds[at.part];
      const category =
        known === undefined
          ? this.category(at.part)
          : (PART_CATEGORIES[this.partCategories[at.part] ?? 0] ?? this.category(at.part));
      const qty = this.quantityOf(i, category);
      yield {
        id: this.ctx.id('stock', i),
        tenant_id: this.ctx.tenantId,
        part_id: known ?? this.ctx.id('part', at.part),
        location_id: at.warehouse.id,
        qty_on_hand: fixed(qty, 3),
        bin_location: at.bin,
      };
    }
  }

  /** What stock row i holds (the same value stockRowsIter writes). */
  quantityOf(i: number, category: PartCategory = this.category(this.placement(i).part)): number {
    const rng = this.ctx.rng('stock', i);
    return rng.chance(0.06) ? 0 : quantity(rng.float(category.qty[0], category.qty[1]), category.unit);
  }

  /** The placement of part p in a warehouse of the site, if it has one (for receipts of that part). */
  placementAt(p: number, siteCode: string): StockPlacement | null {
    for (let i = p; i < this.stockRows; i += this.partCount) {
      const at = this.placement(i);
      if (at.warehouse.siteCode === siteCode) return at;
    }
    return null;
  }

  /** Each technician carries a handful of fast-moving parts. */
  buildWallets(users: readonly UserRec[]): WalletRec[] {
    const wallets: WalletRec[] = [];
    const stocked = this.stockedParts;
    for (const tech of users.filter((u) => u.role === 'technician')) {
      const rng = this.ctx.rng('wallet', wallets.length);
      const count = Math.min(stocked, rng.int(3, 10));
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(rng.int(0, Math.min(stocked, 400) - 1));
      for (const p of [...chosen].sort((a, b) => a - b)) {
        const unit = this.part(p).category.unit;
        wallets.push({
          id: this.ctx.id('wallet', wallets.length),
          userId: tech.id,
          part: p,
          qty: quantity(unit === 'piece' ? rng.int(1, 12) : rng.float(1, 20), unit),
        });
      }
    }
    return wallets;
  }

  walletRows(wallets: readonly WalletRec[]): CopyRow[] {
    return wallets.map((w) => ({
      id: w.id,
      tenant_id: this.ctx.tenantId,
      user_id: w.userId,
      part_id: this.ctx.id('part', w.part),
      qty_held: fixed(w.qty, 3),
    }));
  }
}

/** Whole pieces; litres, metres and kilograms to one decimal. */
export function quantity(value: number, unit: PartCategory['unit']): number {
  return unit === 'piece' ? Math.max(1, Math.round(value)) : Math.max(0.5, Math.round(value * 10) / 10);
}
