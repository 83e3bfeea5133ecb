// Domain "stock", operations: the storekeeper's counter (receipts, wallet issues and returns,
// parts used on work orders, cycle counts). docs/operations.md documents each type.
import { z } from 'zod';
import { binLabel, optionalText, quantity, requiredText, unitCost, uuid } from '../fields.ts';
import { defineOperation, operationMap } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/**
 * The bin of a warehouse that holds defective parts returned from wallets (docs/operations.md,
 * "Quarantine"): nothing is received into it or issued or used from it.
 */
export const QUARANTINE_BIN = 'QUARANTINE';

/** Who moves stock at the counter. */
export const COUNTER_ROLES: readonly UserRoleName[] = ['storekeeper', 'manager', 'admin'];

const stockFields = {
  part_id: 'part',
  location_id: 'warehouse',
  bin_location: 'bin',
  qty: 'quantity',
} as const;

export const stockReceive = defineOperation({
  type: 'stock.receive',
  label: 'Stock receipt',
  pendingWord: 'receipt',
  roles: COUNTER_ROLES,
  payload: z.object({
    lines: z
      .array(
        z.object({
          part_id: uuid,
          location_id: uuid,
          bin_location: binLabel,
          qty: quantity,
          unit_cost: unitCost.optional(),
        }),
      )
      .min(1, { message: 'needs at least one line' })
      .max(200, { message: 'can have at most 200 lines' }),
    supplier_ref: optionalText(80),
    note: optionalText(500),
  }),
  fields: {
    ...stockFields,
    lines: 'receipt',
    unit_cost: 'unit cost',
    supplier_ref: 'supplier reference',
    note: 'note',
  },
});

export const walletIssue = defineOperation({
  type: 'wallet.issue',
  label: 'Wallet issue',
  pendingWord: 'issue',
  roles: COUNTER_ROLES,
  payload: z.object({
    part_id: uuid,
    location_id: uuid,
    bin_location: binLabel,
    technician_id: uuid,
    qty: quantity,
  }),
  fields: { ...stockFields, technician_id: 'technician' },
});

/** Parts back from a technician's wallet; defective ones go to the QUARANTINE bin. */
export const walletReturn = defineOperation({
  type: 'wallet.return',
  label: 'Wallet return',
  pendingWord: 'return',
  roles: COUNTER_ROLES,
  payload: z
    .object({
      part_id: uuid,
      technician_id: uuid,
      location_id: uuid,
      /** Required, except for defective parts (they go to QUARANTINE). */
      bin_location: binLabel.optional(),
      qty: quantity,
      defective: z.boolean({ message: 'must be true or false' }).optional(),
      note: optionalText(500),
    })
    .superRefine((value, ctx) => {
      if (value.defective !== true && value.bin_location === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['bin_location'],
          message: 'must be a bin label such as A-01-03',
        });
      }
    }),
  fields: { ...stockFields, technician_id: 'technician', defective: 'defective', note: 'note' },
});

const consumeCommon = {
  wo_id: uuid,
  part_id: uuid,
  qty: quantity,
  /** The id of the new wo_consumables row (the server makes one otherwise). */
  consumable_id: uuid.optional(),
};

/**
 * Parts used on a work order, from a technician's wallet or straight from a warehouse bin. It
 * belongs to the stock domain: it moves stock and wallets, at the counter.
 */
export const woConsume = defineOperation({
  type: 'wo.consume',
  label: 'Used on work order',
  pendingWord: 'use',
  // A technician books from their own wallet; supervisors book for their crews.
  roles: ['technician', 'storekeeper', 'supervisor', 'manager', 'admin'],
  payload: z.discriminatedUnion(
    'source',
    [
      z.object({ ...consumeCommon, source: z.literal('wallet'), technician_id: uuid }),
      z.object({
        ...consumeCommon,
        source: z.literal('warehouse'),
        location_id: uuid,
        bin_location: binLabel,
      }),
    ],
    { message: 'must be "wallet" or "warehouse"' },
  ),
  fields: {
    ...stockFields,
    wo_id: 'work order',
    consumable_id: 'consumable id',
    source: 'source',
    technician_id: 'technician',
  },
});

/** A cycle count of one bin: the bin is set to what was counted; the reason is mandatory. */
export const stockCount = defineOperation({
  type: 'stock.count',
  label: 'Cycle count',
  pendingWord: 'count',
  roles: COUNTER_ROLES,
  payload: z.object({
    part_id: uuid,
    location_id: uuid,
    bin_location: binLabel,
    counted_qty: z
      .number({ message: 'must be a number' })
      .min(0, { message: 'cannot be negative' })
      .max(1_000_000, { message: 'must be at most 1,000,000' }),
    reason: requiredText(500),
  }),
  fields: { ...stockFields, counted_qty: 'counted quantity', reason: 'reason' },
});

export const stockOperations = operationMap(stockReceive, walletIssue, walletReturn, woConsume, stockCount);
