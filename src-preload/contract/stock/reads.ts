// Station API, domain "stock", reads: the storekeeper's counter screens read the station cache (the
// server's rows) with the pending effects of queued operations on top ("on hand 10, 3 pending
// issue"). Long lists page by key (../paging.ts). Field names follow the database and the operation
// payloads (snake_case), so a row can feed an operation without renaming.
import { z } from 'zod';
import { after, entityId as id, limit, page, searchText as search } from '../paging.ts';

/** Queued operations of one kind behind a pending delta: e.g. 3 x wallet.issue, -7. */
export const pendingOpsSchema = z.object({ type: z.string(), count: z.number().int(), delta: z.number() });

/** What queued (not yet pulled back) operations add to a quantity, and which ones. */
export const pendingSchema = z.object({ delta: z.number(), ops: z.array(pendingOpsSchema) });
export type Pending = z.infer<typeof pendingSchema>;

/** A rejected operation the user has not acknowledged yet, shown where it concerns the screen. */
export const rejectedOpSchema = z.object({
  op_id: z.string(),
  type: z.string(),
  summary: z.string(),
  reason_code: z.string().nullable(),
  reason: z.string().nullable(),
  created_at: z.string(),
});
export type RejectedOp = z.infer<typeof rejectedOpSchema>;

const unit = z.string();

// parts.search ------------------------------------------------------------------------------------

export const partsSearchParamsSchema = z.object({
  query: search.min(1, { message: 'is required' }),
  after,
  limit,
});

/** A part with its usable stock at the station's site (QUARANTINE bins apart). */
export const partStockSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  unit,
  barcode: z.string().nullable(),
  min_level: z.number(),
  is_active: z.boolean(),
  /** Server quantity in the site's usable bins. */
  qty_on_hand: z.number(),
  /** Server quantity in the site's QUARANTINE bins (defective returns). */
  qty_quarantine: z.number(),
  /** Pending effects on the usable bins. */
  pending: pendingSchema,
  /** qty_on_hand + pending.delta: what the counter can hand out. */
  qty_shown: z.number(),
  /** Stock rows (bins) of the part at the site. */
  bin_count: z.number().int(),
  /** min_level > 0 and qty_shown below it. */
  is_low: z.boolean(),
});
export type PartStock = z.infer<typeof partStockSchema>;

export const partSearchRowSchema = partStockSchema.extend({
  matched_by: z.enum(['barcode', 'sku', 'name']),
});
export const partsSearchResultSchema = page(partSearchRowSchema);

// stock.byPart ------------------------------------------------------------------------------------

export const stockByPartParamsSchema = z.object({ part_id: id });

export const partBinSchema = z.object({
  /** The inventory_stock row; null for a bin that exists only through a pending receipt or return. */
  stock_id: z.string().nullable(),
  location_id: z.string(),
  warehouse_code: z.string(),
  warehouse_name: z.string(),
  bin_location: z.string(),
  qty_on_hand: z.number(),
  pending: pendingSchema,
  qty_shown: z.number(),
  is_quarantine: z.boolean(),
});
export type PartBin = z.infer<typeof partBinSchema>;

export const stockByPartResultSchema = z.object({
  part: partStockSchema,
  bins: z.array(partBinSchema),
  rejected: z.array(rejectedOpSchema),
});

// stock.byBin -------------------------------------------------------------------------------------

export const stockByBinParamsSchema = z.object({
  location_id: id,
  bin_location: z.string().trim().toUpperCase().min(1).max(40).optional(),
  after,
  limit,
});

export const binStockRowSchema = z.object({
  stock_id: z.string().nullable(),
  part_id: z.string(),
  sku: z.string(),
  name: z.string(),
  unit,
  min_level: z.number(),
  bin_location: z.string(),
  qty_on_hand: z.number(),
  pending: pendingSchema,
  qty_shown: z.number(),
  is_quarantine: z.boolean(),
});
export const stockByBinResultSchema = page(binStockRowSchema).extend({
  warehouse: z.object({ id: z.string(), code: z.string(), name: z.string() }),
});

// stock.warehouses --------------------------------------------------------------------------------

export const warehouseSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  is_active: z.boolean(),
  /** Distinct bins holding a stock row. */
  bin_count: z.number().int(),
  /** Queued operations touching this warehouse's bins. */
  pending_ops: z.number().int(),
});
export const warehousesResultSchema = z.array(warehouseSchema);

// stock.lowStock ----------------------------------------------------------------------------------

export const lowStockParamsSchema = z.object({ after, limit });

export const lowStockRowSchema = partStockSchema.extend({
  /** min_level - qty_shown (> 0). */
  shortfall: z.number(),
});
/**
 * Parts below min_level in SKU order. One call examines at most a bounded number of parts, so a
 * page may hold fewer than `limit` rows while `next` is not null: keep asking until it is null.
 */
export const lowStockResultSchema = page(lowStockRowSchema).extend({
  /** Parts (with a min_level) this call examined. */
  scanned: z.number().int(),
});

// wallets.forTechnician ---------------------------------------------------------------------------

export const walletParamsSchema = z.object({ technician_id: id });

export const technicianSchema = z.object({
  id: z.string(),
  full_name: z.string(),
  email: z.string(),
  badge_code: z.string().nullable(),
  is_active: z.boolean(),
  site_id: z.string().nullable(),
  site_code: z.string().nullable(),
  site_name: z.string().nullable(),
  /** The technician's home site is the station's: this station keeps their wallet. */
  at_this_site: z.boolean(),
});
export type Technician = z.infer<typeof technicianSchema>;

export const walletRowSchema = z.object({
  /** The inventory_wallets row; null for a part the wallet holds only through pending operations. */
  wallet_id: z.string().nullable(),
  part_id: z.string(),
  sku: z.string(),
  name: z.string(),
  unit,
  qty_held: z.number(),
  pending: pendingSchema,
  qty_shown: z.number(),
});
export const walletResultSchema = z.object({
  technician: technicianSchema,
  rows: z.array(walletRowSchema),
  rejected: z.array(rejectedOpSchema),
});

// people.technicians ------------------------------------------------------------------------------

export const techniciansParamsSchema = z.object({ query: search.optional(), after, limit });
export const technicianRowSchema = technicianSchema.extend({
  /** Parts in the wallet (server rows); null when the wallet is kept at another site. */
  wallet_lines: z.number().int().nullable(),
});
export const techniciansResultSchema = page(technicianRowSchema);

// stock.movements ---------------------------------------------------------------------------------

export const movementsParamsSchema = z
  .object({
    part_id: id.optional(),
    location_id: id.optional(),
    bin_location: z.string().trim().toUpperCase().min(1).max(40).optional(),
    technician_id: id.optional(),
    after,
    limit,
  })
  .superRefine((value, ctx) => {
    const bin = value.location_id !== undefined || value.bin_location !== undefined;
    const given = [value.part_id !== undefined, bin, value.technician_id !== undefined].filter(Boolean);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'Give exactly one of: a part, a warehouse bin, a technician.',
      });
    } else if (bin && (value.location_id === undefined || value.bin_location === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['bin_location'], message: 'needs both a warehouse and a bin' });
    }
  });

export const movementSchema = z.object({
  id: z.string(),
  op_id: z.string(),
  movement_type: z.string(),
  occurred_at: z.string(),
  part_id: z.string(),
  sku: z.string().nullable(),
  part_name: z.string().nullable(),
  unit: z.string().nullable(),
  location_id: z.string().nullable(),
  warehouse_code: z.string().nullable(),
  bin_location: z.string().nullable(),
  technician_id: z.string().nullable(),
  technician_name: z.string().nullable(),
  wo_id: z.string().nullable(),
  wo_code: z.string().nullable(),
  /** Signed change of the bin, or of the wallet for a movement without a bin. */
  qty_delta: z.number(),
  qty_after: z.number(),
  wallet_qty_after: z.number().nullable(),
  unit_cost: z.number().nullable(),
  supplier_ref: z.string().nullable(),
  reason: z.string().nullable(),
  performed_by_name: z.string().nullable(),
  /** Booked by an operation of this station. */
  from_this_station: z.boolean(),
});
export const movementsResultSchema = page(movementSchema);
