// How the counter writes quantities and pending effects ("on hand 10 · 3 pending issue"), and how
// it reads a typed quantity (whole numbers for pieces, up to 3 decimals otherwise).
import type { Pending } from '../../../../src-preload/contract/stock/reads.ts';
import { pendingWord } from '../../../../src-preload/contract/operations.ts';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

export function formatQty(qty: number, unit?: string): string {
  const text = number.format(qty);
  if (unit === undefined || unit === 'piece') return text;
  return `${text} ${unit}`;
}

/** "3 pending issue · 5 pending receipt", or '' when nothing is pending. */
export function pendingText(pending: Pending): string {
  return pending.ops
    .filter((op) => op.delta !== 0 || op.type === 'stock.count')
    .map((op) => {
      const word = pendingWord(op.type);
      const sign = op.type === 'stock.count' ? (op.delta < 0 ? '−' : '+') : '';
      return `${sign}${number.format(Math.abs(op.delta))} pending ${word}`;
    })
    .join(' · ');
}

/** "on hand 10 · 3 pending issue" (what the server said, then what is queued on top). */
export function stockText(qtyOnHand: number, pending: Pending, unit?: string): string {
  const extra = pendingText(pending);
  return `on hand ${formatQty(qtyOnHand, unit)}${extra === '' ? '' : ` · ${extra}`}`;
}

export type ReadQty = { ok: true; value: number } | { ok: false; message: string };

/** Reads a typed quantity: "12", "2,5"; pieces only whole, others at most 3 decimals. */
export function readQty(text: string, unit: string | undefined, label = 'Quantity'): ReadQty {
  const cleaned = text.trim().replace(',', '.');
  if (cleaned === '') return { ok: false, message: `${label} is required.` };
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { ok: false, message: `${label} must be a number.` };
  const value = Number(cleaned);
  if (unit === 'piece' && !Number.isInteger(value)) {
    return { ok: false, message: `${label} must be a whole number of pieces.` };
  }
  if (Math.round(value * 1000) / 1000 !== value) {
    return { ok: false, message: `${label} can have at most 3 decimals.` };
  }
  return { ok: true, value };
}

export function unitWord(unit: string | undefined): string {
  if (unit === undefined) return '';
  return unit === 'piece' ? 'pieces' : `${unit}s`;
}
