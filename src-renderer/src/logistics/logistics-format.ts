// How the logistics screens write states, quantities and cargo, and read a typed quantity.
import type { ShipmentStatusName } from '../../../src-preload/contract/logistics/reads.ts';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

export const STATUS_WORDS: { readonly [S in ShipmentStatusName]: string } = {
  loading: 'Loading',
  dispatched: 'On the way',
  received: 'Received',
  received_with_discrepancies: 'Received with discrepancies',
  cancelled: 'Cancelled',
};

export function formatQty(qty: number, unit?: string): string {
  const text = number.format(qty);
  if (unit === undefined || unit === 'piece') return text;
  return `${text} ${unit}`;
}

/** "3 assets · 2 part lines" (what is on a truck). */
export function cargoText(assets: number, partLines: number): string {
  const a = `${assets} ${assets === 1 ? 'asset' : 'assets'}`;
  const p = `${partLines} ${partLines === 1 ? 'part line' : 'part lines'}`;
  return `${a} · ${p}`;
}

/** A date (YYYY-MM-DD) or time as a short local date. */
export function shortDate(iso: string | null): string {
  if (iso === null) return '';
  const at = Date.parse(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(at) ? iso : new Date(at).toLocaleDateString();
}

export type ReadQty = { ok: true; value: number } | { ok: false; message: string };

/** Reads a typed quantity: "12", "2,5"; pieces only whole, others at most 3 decimals. */
export function readQty(text: string, unit: string | undefined): ReadQty {
  const cleaned = text.trim().replace(',', '.');
  if (cleaned === '') return { ok: false, message: 'Type the quantity.' };
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { ok: false, message: 'The quantity must be a number.' };
  const value = Number(cleaned);
  if (value <= 0) return { ok: false, message: 'The quantity must be more than zero.' };
  if (unit === 'piece' && !Number.isInteger(value))
    return { ok: false, message: 'The quantity must be a whole number of pieces.' };
  if (Math.round(value * 1000) / 1000 !== value)
    return { ok: false, message: 'The quantity can have at most 3 decimals.' };
  return { ok: true, value };
}
