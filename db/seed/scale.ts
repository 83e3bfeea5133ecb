// How much demo data to generate: a named scale or an exact number of inventory_stock rows.

export type SeedScale = { name: 'small' | 'medium' | 'large' | 'custom'; stockRows: number };

export const MAX_STOCK_ROWS = 5_000_000;

const NAMED: Record<'small' | 'medium' | 'large', number> = {
  small: 4_000,
  medium: 100_000,
  large: 1_000_000,
};

/** 'small' | 'medium' | 'large' | N (a whole number of stock rows, 1 to 5,000,000; 1_000_000 allowed). */
export function parseScale(text: string): SeedScale {
  const value = text.trim().toLowerCase();
  if (value === 'small' || value === 'medium' || value === 'large') {
    return { name: value, stockRows: NAMED[value] };
  }
  const digits = value.replace(/_/g, '');
  if (!/^\d+$/.test(digits) || /^_|_$|__/.test(value)) {
    throw new Error(
      `Unknown scale '${text}': use small, medium, large or a whole number of stock rows (1 to ${MAX_STOCK_ROWS.toLocaleString('en-US')}).`,
    );
  }
  const rows = Number(digits);
  if (rows < 1 || rows > MAX_STOCK_ROWS) {
    throw new Error(
      `Scale ${text} is out of range: the number of stock rows must be between 1 and ${MAX_STOCK_ROWS.toLocaleString('en-US')}.`,
    );
  }
  return { name: 'custom', stockRows: rows };
}
