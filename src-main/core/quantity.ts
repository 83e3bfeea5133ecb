// Quantities as the station shows and checks them: at most 3 decimals, whole numbers for pieces.

/**
 * Quantities have at most 3 decimals; rounding drops the floating-point noise of sums
 * (0.3 - 0.1 - 0.1 is 0.09999999999999998).
 */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A quantity as written in messages and summaries: "3", "2.5". */
export function formatQty(qty: number): string {
  return Number.isInteger(qty) ? String(qty) : qty.toFixed(3).replace(/0+$/, '');
}
