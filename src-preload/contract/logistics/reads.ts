// Station API, domain "logistics", reads: the trucks of the station's site (leaving, coming,
// returnable passes not back), one truck with its manifest, seals, receipt and discrepancies, and
// the sites a truck can go to. Each reads the cache with the pending effects of queued operations
// on top, so a truck opened or loaded offline shows at once ("pending"). Field names follow the
// database (snake_case).
import { z } from 'zod';
import { uuid } from '../fields.ts';

export const shipmentStatusSchema = z.enum([
  'loading',
  'dispatched',
  'received',
  'received_with_discrepancies',
  'cancelled',
]);
export type ShipmentStatusName = z.infer<typeof shipmentStatusSchema>;

/** One truck in a list: who, where, what state, how much is on it. */
export const shipmentSummarySchema = z.object({
  id: z.string(),
  gate_pass_ref: z.string(),
  /** The state shown: the server's with the queued changes on top. */
  status: shipmentStatusSchema,
  /** Opened, loaded, dispatched or received here and not confirmed by the server yet. */
  pending: z.boolean(),
  direction: z.enum(['outgoing', 'incoming']),
  origin_code: z.string(),
  destination_code: z.string(),
  vehicle_reg: z.string().nullable(),
  trailer_reg: z.string().nullable(),
  driver_name: z.string().nullable(),
  /** Assets on the manifest (components included) and part lines, pending loads included. */
  assets: z.number().int(),
  part_lines: z.number().int(),
  seals: z.number().int(),
  discrepancies: z.number().int(),
  created_at: z.string(),
  dispatched_at: z.string().nullable(),
  received_at: z.string().nullable(),
  is_returnable: z.boolean(),
  expected_return_date: z.string().nullable(),
  returned_at: z.string().nullable(),
  /** A returnable pass past its expected return date and not back. */
  overdue: z.boolean(),
});
export type ShipmentSummary = z.infer<typeof shipmentSummarySchema>;

// shipments.list ------------------------------------------------------------------------------------

export const shipmentsListParamsSchema = z.object({});
export const shipmentsListResultSchema = z.object({
  /** Leaving this site: loading, on the way, and arrived in the last 14 days (their discrepancies). */
  outgoing: z.array(shipmentSummarySchema),
  /** Coming to this site: loading or on the way, and arrived in the last 14 days. */
  incoming: z.array(shipmentSummarySchema),
  /** Returnable passes from this site whose goods are not back, overdue first. */
  returnable: z.array(shipmentSummarySchema),
});
export type ShipmentsList = z.infer<typeof shipmentsListResultSchema>;

// shipments.detail ----------------------------------------------------------------------------------

export const shipmentDetailParamsSchema = z.object({
  shipment_id: uuid,
  /**
   * false: without the history (empty). The Load and Receive truck screens do not show it, and on a
   * long truck it is the costliest part of the read, which they repeat after every scan.
   */
  history: z.boolean().optional(),
});

/** An asset on the manifest (or one that came off without being on it). */
export const cargoAssetSchema = z.object({
  asset_id: z.string(),
  code: z.string(),
  name: z.string(),
  /** The unit it travels with (null: loaded on its own). */
  parent_asset_id: z.string().nullable(),
  /** Loaded without its parent: the unit it leaves at dispatch. */
  leaves_parent_code: z.string().nullable(),
  status: z.enum(['loaded', 'in_transit', 'received', 'missing', 'extra']),
  pending: z.boolean(),
  /** At the destination: scanned off the truck, with its condition. */
  received: z.boolean(),
  condition: z.enum(['ok', 'damaged']).nullable(),
  note: z.string().nullable(),
});
export type CargoAsset = z.infer<typeof cargoAssetSchema>;

/** Parts of one part from one bin on the truck, with what came off. */
export const cargoPartSchema = z.object({
  part_id: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  source_location_id: z.string(),
  source_code: z.string(),
  source_bin: z.string(),
  qty: z.number(),
  received_qty: z.number(),
  status: z.enum(['loaded', 'in_transit', 'received', 'missing']),
  pending: z.boolean(),
});
export type CargoPart = z.infer<typeof cargoPartSchema>;

export const sealSchema = z.object({
  seq: z.number().int(),
  seal_number: z.string(),
  check_result: z.enum(['intact', 'broken', 'mismatch']).nullable(),
  found_number: z.string().nullable(),
  pending: z.boolean(),
});

/** A scan off the truck at the destination. */
export const receiptLineSchema = z.object({
  kind: z.enum(['asset', 'part']),
  item_id: z.string(),
  code: z.string(),
  name: z.string(),
  qty: z.number().nullable(),
  extra_qty: z.number().nullable(),
  bin: z.string().nullable(),
  condition: z.enum(['ok', 'damaged']),
  note: z.string().nullable(),
  on_manifest: z.boolean(),
  received_by: z.string().nullable(),
  received_at: z.string(),
  pending: z.boolean(),
});
export type ReceiptLineRow = z.infer<typeof receiptLineSchema>;

export const discrepancySchema = z.object({
  code: z.enum(['missing', 'extra', 'damaged', 'wrong_item', 'seal_broken', 'seal_mismatch']),
  /** In words: "EX-101 missing", "4 x FLT-100234 missing", "Seal KE-2 broken". */
  text: z.string(),
  note: z.string().nullable(),
  recorded_at: z.string(),
  /** Found here by a scan or a finish not confirmed by the server yet. */
  pending: z.boolean(),
});
export type DiscrepancyRow = z.infer<typeof discrepancySchema>;

export const historyEventSchema = z.object({
  at: z.string(),
  what: z.string(),
  who: z.string().nullable(),
  pending: z.boolean(),
});

export const shipmentDetailResultSchema = z.object({
  shipment: shipmentSummarySchema.extend({
    origin_name: z.string(),
    destination_name: z.string(),
    destination_site_id: z.string(),
    driver_id_number: z.string().nullable(),
    jms_reference: z.string().nullable(),
    notes: z.string().nullable(),
    created_by: z.string().nullable(),
    dispatched_by: z.string().nullable(),
    received_by: z.string().nullable(),
    cancel_reason: z.string().nullable(),
    receipt_note: z.string().nullable(),
    /** The station receiving the truck (the first receipt claims it), if any. */
    receiving_station: z.string().nullable(),
    /** This station may load, dispatch or cancel it (it leaves from here, loading). */
    can_load: z.boolean(),
    /** This station may receive it (coming here, dispatched, not claimed by another station). */
    can_receive: z.boolean(),
  }),
  assets: z.array(cargoAssetSchema),
  parts: z.array(cargoPartSchema),
  seals: z.array(sealSchema),
  receipts: z.array(receiptLineSchema),
  discrepancies: z.array(discrepancySchema),
  history: z.array(historyEventSchema),
});
export type ShipmentDetail = z.infer<typeof shipmentDetailResultSchema>;

// shipments.destinations -------------------------------------------------------------------------------

export const destinationsParamsSchema = z.object({});
export const destinationsResultSchema = z.array(
  z.object({ id: z.string(), code: z.string(), name: z.string() }),
);
