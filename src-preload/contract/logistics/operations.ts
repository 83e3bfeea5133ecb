// Domain "logistics", operations: the logistics clerk's trucks (docs/operations.md, "Logistics:
// the clerk's trucks"). Every id field has a code twin that people type or scan (gate pass, site,
// asset, part, warehouse): the core resolves codes against its cache and queues ids only
// (docs/adr/0016-gate-pass-references-and-trucks.md); the server reads ids and re-checks them.
import { z } from 'zod';
import { binLabel, isoDate, optionalText, quantity, requiredText, uuid } from '../fields.ts';
import { defineOperation, operationMap } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/** Who opens, dispatches, cancels and finishes trucks. */
export const LOGISTICS_ROLES: readonly UserRoleName[] = ['logistics_clerk', 'supervisor', 'manager', 'admin'];
/** Who puts things on and takes them off a truck: a storekeeper too, for parts only. */
export const CARGO_ROLES: readonly UserRoleName[] = [
  'logistics_clerk',
  'storekeeper',
  'supervisor',
  'manager',
  'admin',
];

/** A gate pass reference as people say it: GP-NBO1-0042. */
export const GATE_PASS_PATTERN = /^GP-[A-Z0-9]{2,8}-[0-9]{4,9}$/;

/** A code typed or scanned (client code, QR token or its address, SKU, barcode, location code). */
const code = z
  .string({ message: 'must be a code' })
  .trim()
  .min(1, { message: 'must be a code' })
  .max(512, { message: 'is too long for a code' });

const gatePass = z
  .string({ message: 'must be a gate pass such as GP-NBO1-0042' })
  .trim()
  .toUpperCase()
  .regex(GATE_PASS_PATTERN, { message: 'must be a gate pass such as GP-NBO1-0042' });

/** A plate or a document number: trimmed, upper-cased, inner spaces collapsed, then checked. */
const plateLike = (pattern: RegExp, message: string) =>
  z
    .string({ message })
    .transform((value) => value.trim().toUpperCase().replace(/\s+/g, ' '))
    .pipe(z.string().regex(pattern, { message }));

export const vehicleReg = plateLike(/^[A-Z0-9][A-Z0-9 -]{1,19}$/, 'must be a registration such as KDA 123A');
export const driverIdNumber = plateLike(
  /^[A-Z0-9][A-Z0-9 /-]{2,29}$/,
  'must be an identity or licence number (letters, digits, spaces, / and -)',
);
export const sealNumber = plateLike(/^[A-Z0-9][A-Z0-9./-]{0,39}$/, 'must be a seal number such as KE-100231');

/** The truck an operation is about: its id, or its gate pass reference. */
const truck = { shipment_id: uuid.optional(), gate_pass_ref: gatePass.optional() };

type Ctx = z.RefinementCtx;

function needOne(
  ctx: Ctx,
  value: Record<string, unknown>,
  idKey: string,
  codeKey: string,
  what: string,
): void {
  if (value[idKey] === undefined && value[codeKey] === undefined)
    ctx.addIssue({ code: 'custom', path: [codeKey], message: `is required: scan or type ${what}` });
}

function needTruck(ctx: Ctx, value: { shipment_id?: string; gate_pass_ref?: string }): void {
  needOne(ctx, value, 'shipment_id', 'gate_pass_ref', 'the gate pass');
}

/** An asset or parts (with their bin), never both: what load, unload and receive carry. */
function needCargo(
  ctx: Ctx,
  value: {
    asset_id?: string;
    asset?: string;
    part_id?: string;
    part?: string;
    location_id?: string;
    warehouse?: string;
  },
  partNeeds: { bin: boolean; qty: boolean; values: { bin_location?: string; qty?: number } },
): void {
  const asset = value.asset_id !== undefined || value.asset !== undefined;
  const part = value.part_id !== undefined || value.part !== undefined;
  if (asset && part) {
    ctx.addIssue({ code: 'custom', path: ['asset'], message: 'and a part cannot go in one scan' });
    return;
  }
  if (!asset && !part) {
    ctx.addIssue({ code: 'custom', path: ['asset'], message: 'or part is required: scan one' });
    return;
  }
  if (!part) return;
  needOne(ctx, value, 'location_id', 'warehouse', 'the warehouse');
  if (partNeeds.bin && partNeeds.values.bin_location === undefined)
    ctx.addIssue({ code: 'custom', path: ['bin_location'], message: 'must be a bin label such as A-01-03' });
  if (partNeeds.qty && partNeeds.values.qty === undefined)
    ctx.addIssue({ code: 'custom', path: ['qty'], message: 'must be a number' });
}

const cargoFields = {
  shipment_id: 'shipment',
  gate_pass_ref: 'gate pass',
  asset_id: 'asset',
  asset: 'asset',
  part_id: 'part',
  part: 'part',
  location_id: 'warehouse',
  warehouse: 'warehouse',
  bin_location: 'bin',
  qty: 'quantity',
} as const;

export const shipmentOpen = defineOperation({
  type: 'shipment.open',
  label: 'Truck opened',
  pendingWord: 'opened',
  roles: LOGISTICS_ROLES,
  payload: z
    .object({
      /** The new shipment's id; the core makes one (UUIDv7) when it is left out. */
      shipment_id: uuid.optional(),
      /** Made by the core (the station's prefix and next number); a given one must be the next free. */
      gate_pass_ref: gatePass.optional(),
      destination_id: uuid.optional(),
      destination: code.optional(),
      vehicle_reg: vehicleReg,
      trailer_reg: vehicleReg.optional(),
      driver_name: requiredText(100),
      driver_id_number: driverIdNumber,
      jms_reference: optionalText(40),
      returnable: z.boolean({ message: 'must be true or false' }).optional(),
      expected_return_date: isoDate.optional(),
      return_of_shipment_id: uuid.optional(),
      return_of: gatePass.optional(),
      notes: optionalText(500),
    })
    .superRefine((value, ctx) => {
      needOne(ctx, value, 'destination_id', 'destination', 'the destination site');
      if (value.returnable === true && value.expected_return_date === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['expected_return_date'],
          message: 'is required for a returnable pass',
        });
      if (value.returnable !== true && value.expected_return_date !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['expected_return_date'],
          message: 'is only for a returnable pass',
        });
    }),
  fields: {
    shipment_id: 'shipment',
    gate_pass_ref: 'gate pass',
    destination_id: 'destination',
    destination: 'destination',
    vehicle_reg: 'vehicle',
    trailer_reg: 'trailer',
    driver_name: "driver's name",
    driver_id_number: "driver's ID number",
    jms_reference: 'JMS trip',
    returnable: 'returnable',
    expected_return_date: 'expected return date',
    return_of_shipment_id: 'returnable pass',
    return_of: 'returnable pass',
    notes: 'remarks',
  },
});

export const shipmentLoad = defineOperation({
  type: 'shipment.load',
  label: 'Loaded on truck',
  pendingWord: 'loaded',
  roles: CARGO_ROLES,
  payload: z
    .object({
      ...truck,
      asset_id: uuid.optional(),
      asset: code.optional(),
      part_id: uuid.optional(),
      part: code.optional(),
      location_id: uuid.optional(),
      warehouse: code.optional(),
      bin_location: binLabel.optional(),
      qty: quantity.optional(),
      /** Ids of the new movement or line (the core makes them when left out). */
      movement_id: uuid.optional(),
      line_id: uuid.optional(),
    })
    .superRefine((value, ctx) => {
      needTruck(ctx, value);
      needCargo(ctx, value, { bin: true, qty: true, values: value });
    }),
  fields: { ...cargoFields, movement_id: 'movement', line_id: 'line' },
});

export const shipmentUnload = defineOperation({
  type: 'shipment.unload',
  label: 'Unloaded from truck',
  pendingWord: 'unloaded',
  roles: CARGO_ROLES,
  payload: z
    .object({
      ...truck,
      asset_id: uuid.optional(),
      asset: code.optional(),
      part_id: uuid.optional(),
      part: code.optional(),
      location_id: uuid.optional(),
      warehouse: code.optional(),
      bin_location: binLabel.optional(),
      /** Part of the line; all of it when left out. */
      qty: quantity.optional(),
    })
    .superRefine((value, ctx) => {
      needTruck(ctx, value);
      needCargo(ctx, value, { bin: true, qty: false, values: value });
    }),
  fields: cargoFields,
});

export const shipmentDispatch = defineOperation({
  type: 'shipment.dispatch',
  label: 'Truck dispatched',
  pendingWord: 'dispatched',
  roles: LOGISTICS_ROLES,
  payload: z
    .object({
      ...truck,
      seals: z
        .array(sealNumber, { message: 'must be a list of seal numbers' })
        .min(1, { message: 'needs at least one seal number: a truck leaves sealed' })
        .max(20, { message: 'can be at most 20' })
        .refine((seals) => new Set(seals).size === seals.length, { message: 'lists a seal twice' }),
    })
    .superRefine((value, ctx) => {
      needTruck(ctx, value);
    }),
  fields: { shipment_id: 'shipment', gate_pass_ref: 'gate pass', seals: 'seals' },
});

export const shipmentCancel = defineOperation({
  type: 'shipment.cancel',
  label: 'Truck cancelled',
  pendingWord: 'cancelled',
  roles: LOGISTICS_ROLES,
  payload: z.object({ ...truck, reason: optionalText(500) }).superRefine((value, ctx) => {
    needTruck(ctx, value);
  }),
  fields: { shipment_id: 'shipment', gate_pass_ref: 'gate pass', reason: 'reason' },
});

export const receiptConditionSchema = z.enum(['ok', 'damaged'], { message: 'must be "ok" or "damaged"' });

export const shipmentReceive = defineOperation({
  type: 'shipment.receive',
  label: 'Received off truck',
  pendingWord: 'received',
  roles: CARGO_ROLES,
  payload: z
    .object({
      ...truck,
      asset_id: uuid.optional(),
      asset: code.optional(),
      part_id: uuid.optional(),
      part: code.optional(),
      qty: quantity.optional(),
      location_id: uuid.optional(),
      warehouse: code.optional(),
      /** Usable parts: the bin; damaged parts go to QUARANTINE (leave it out). */
      bin_location: binLabel.optional(),
      condition: receiptConditionSchema.optional(),
      note: optionalText(500),
      /** The id of the receipt line (the core makes one when left out). */
      receipt_id: uuid.optional(),
    })
    .superRefine((value, ctx) => {
      needTruck(ctx, value);
      const damaged = value.condition === 'damaged';
      needCargo(ctx, value, { bin: !damaged, qty: true, values: value });
      if (damaged && (value.note ?? '') === '')
        ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required: say what is damaged' });
    }),
  fields: { ...cargoFields, condition: 'condition', note: 'note', receipt_id: 'receipt line' },
});

export const sealCheckSchema = z.object({
  seal_number: sealNumber,
  result: z.enum(['intact', 'broken', 'mismatch'], { message: 'must be intact, broken or mismatch' }),
  found_number: sealNumber.optional(),
});

export const shipmentFinishReceipt = defineOperation({
  type: 'shipment.finish_receipt',
  label: 'Receipt finished',
  pendingWord: 'finished',
  roles: LOGISTICS_ROLES,
  payload: z
    .object({
      ...truck,
      seals: z.array(sealCheckSchema, { message: "must list each seal's result" }),
      note: optionalText(500),
    })
    .superRefine((value, ctx) => {
      needTruck(ctx, value);
      value.seals.forEach((seal, i) => {
        if (seal.result === 'mismatch' && seal.found_number === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['seals', i, 'found_number'],
            message: 'is required for a mismatch',
          });
      });
    }),
  fields: {
    shipment_id: 'shipment',
    gate_pass_ref: 'gate pass',
    seals: 'seals',
    seal_number: 'seal',
    result: 'result',
    found_number: 'number found',
    note: 'remark',
  },
});

export const logisticsOperations = operationMap(
  shipmentOpen,
  shipmentLoad,
  shipmentUnload,
  shipmentDispatch,
  shipmentCancel,
  shipmentReceive,
  shipmentFinishReceipt,
);
