// Operation payloads: what a user action sends to the station core, which queues it in the outbox
// and later pushes it to the server's write entry point. Shared by the renderer (form checks), the
// core (validation at the boundary) and the CLI (`amms station submit`). docs/operations.md
// documents each type.
import { z } from 'zod';

const uuid = z.uuid({ message: 'must be an id' });
const bin = z
  .string({ message: 'must be a bin label such as A-01-03' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._/-]{0,39}$/, { message: 'must be a bin label such as A-01-03' });
const quantity = z
  .number({ message: 'must be a number' })
  .positive({ message: 'must be more than zero' })
  .max(1_000_000, { message: 'must be at most 1,000,000' });
/** Optional free text of at most `max` characters. */
const text = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .max(max, { message: `can be at most ${max} characters` })
    .optional();
/** A unit price: 0 to 1,000,000 with at most 2 decimals. */
const unitCost = z
  .number({ message: 'must be a number' })
  .min(0, { message: 'cannot be negative' })
  .max(1_000_000, { message: 'must be at most 1,000,000' })
  .refine((value) => Math.round(value * 100) / 100 === value, { message: 'can have at most 2 decimals' });
const isoDate = z
  .string({ message: 'must be a date like 2026-11-25' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-25' });

/**
 * The bin of a warehouse that holds defective parts returned from wallets (docs/operations.md,
 * "Quarantine"): nothing is received into it or issued or used from it.
 */
export const QUARANTINE_BIN = 'QUARANTINE';

export const stockReceivePayload = z.object({
  lines: z
    .array(
      z.object({
        part_id: uuid,
        location_id: uuid,
        bin_location: bin,
        qty: quantity,
        unit_cost: unitCost.optional(),
      }),
    )
    .min(1, { message: 'needs at least one line' })
    .max(200, { message: 'can have at most 200 lines' }),
  supplier_ref: text(80),
  note: text(500),
});

export const walletIssuePayload = z.object({
  part_id: uuid,
  location_id: uuid,
  bin_location: bin,
  technician_id: uuid,
  qty: quantity,
});

/** Parts back from a technician's wallet; defective ones go to the QUARANTINE bin. */
export const walletReturnPayload = z
  .object({
    part_id: uuid,
    technician_id: uuid,
    location_id: uuid,
    /** Required, except for defective parts (they go to QUARANTINE). */
    bin_location: bin.optional(),
    qty: quantity,
    defective: z.boolean({ message: 'must be true or false' }).optional(),
    note: text(500),
  })
  .superRefine((value, ctx) => {
    if (value.defective !== true && value.bin_location === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['bin_location'],
        message: 'must be a bin label such as A-01-03',
      });
    }
  });

const consumeCommon = {
  wo_id: uuid,
  part_id: uuid,
  qty: quantity,
  /** The id of the new wo_consumables row (the server makes one otherwise). */
  consumable_id: uuid.optional(),
};

/** Parts used on a work order, from a technician's wallet or straight from a warehouse bin. */
export const woConsumePayload = z.discriminatedUnion(
  'source',
  [
    z.object({ ...consumeCommon, source: z.literal('wallet'), technician_id: uuid }),
    z.object({ ...consumeCommon, source: z.literal('warehouse'), location_id: uuid, bin_location: bin }),
  ],
  { message: 'must be "wallet" or "warehouse"' },
);

/** A cycle count of one bin: the bin is set to what was counted; the reason is mandatory. */
export const stockCountPayload = z.object({
  part_id: uuid,
  location_id: uuid,
  bin_location: bin,
  counted_qty: z
    .number({ message: 'must be a number' })
    .min(0, { message: 'cannot be negative' })
    .max(1_000_000, { message: 'must be at most 1,000,000' }),
  reason: z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'is required' })
    .max(500, { message: 'can be at most 500 characters' }),
});

export const dailyLogRecordPayload = z.object({
  log_id: uuid.optional(),
  asset_id: uuid,
  date: isoDate,
  run_hours_added: z
    .number({ message: 'must be a number' })
    .min(0, { message: 'cannot be negative' })
    .max(24, { message: 'cannot be more than 24 hours in a day' }),
  fuel_liters_added: z
    .number({ message: 'must be a number' })
    .min(0, { message: 'cannot be negative' })
    .max(100_000, { message: 'must be at most 100,000 litres' }),
  notes: text(500),
});

export const operationPayloads = {
  'stock.receive': stockReceivePayload,
  'wallet.issue': walletIssuePayload,
  'wallet.return': walletReturnPayload,
  'wo.consume': woConsumePayload,
  'stock.count': stockCountPayload,
  'daily_log.record': dailyLogRecordPayload,
} as const;

export type OperationType = keyof typeof operationPayloads;
export type OperationPayload<T extends OperationType> = z.infer<(typeof operationPayloads)[T]>;

export const OPERATION_TYPES = Object.keys(operationPayloads) as OperationType[];

export function isOperationType(value: string): value is OperationType {
  return Object.hasOwn(operationPayloads, value);
}

/** What the user asks the core to do. */
export const operationRequestSchema = z.object({
  type: z.string().min(1),
  payload: z.unknown(),
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;

export const operationStatusSchema = z.enum(['pending', 'applied', 'rejected']);
export type OperationStatus = z.infer<typeof operationStatusSchema>;
