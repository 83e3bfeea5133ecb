// Field schemas the operation payloads of every domain share, with the messages a user reads.
import { z } from 'zod';

export const uuid = z.uuid({ message: 'must be an id' });

export const binLabel = z
  .string({ message: 'must be a bin label such as A-01-03' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._/-]{0,39}$/, { message: 'must be a bin label such as A-01-03' });

export const quantity = z
  .number({ message: 'must be a number' })
  .positive({ message: 'must be more than zero' })
  .max(1_000_000, { message: 'must be at most 1,000,000' });

/** Optional free text of at most `max` characters. */
export const optionalText = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .max(max, { message: `can be at most ${max} characters` })
    .optional();

/** Required free text (a reason) of at most `max` characters. */
export const requiredText = (max: number) =>
  z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `can be at most ${max} characters` });

/** A unit price: 0 to 1,000,000 with at most 2 decimals. */
export const unitCost = z
  .number({ message: 'must be a number' })
  .min(0, { message: 'cannot be negative' })
  .max(1_000_000, { message: 'must be at most 1,000,000' })
  .refine((value) => Math.round(value * 100) / 100 === value, { message: 'can have at most 2 decimals' });

export const isoDate = z
  .string({ message: 'must be a date like 2026-11-25' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-25' });
