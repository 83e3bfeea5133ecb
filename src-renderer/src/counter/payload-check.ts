// Client-side checks with the contract's payload schemas (the same the core runs), turned into one
// readable sentence for the counter's error area.
import type { z } from 'zod';

const LABELS: Record<string, string> = {
  part_id: 'Part',
  location_id: 'Warehouse',
  bin_location: 'Bin',
  technician_id: 'Technician',
  qty: 'Quantity',
  counted_qty: 'Counted quantity',
  unit_cost: 'Unit cost',
  supplier_ref: 'Supplier reference',
  reason: 'Reason',
  note: 'Note',
  lines: 'The receipt',
};

export type Checked<T> = { ok: true; payload: T } | { ok: false; message: string };

export function checkPayload<S extends z.ZodType>(schema: S, value: unknown): Checked<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const [issue] = parsed.error.issues;
  if (!issue) return { ok: false, message: 'Check the form.' };
  const key = [...issue.path].reverse().find((p) => typeof p === 'string') ?? '';
  const line = issue.path.find((p) => typeof p === 'number');
  const label = LABELS[key] ?? key;
  const where = line === undefined ? '' : `Line ${line + 1}: `;
  if (key.endsWith('_id')) return { ok: false, message: `${where}${label}: choose one first.` };
  return { ok: false, message: `${where}${label} ${issue.message}.` };
}
