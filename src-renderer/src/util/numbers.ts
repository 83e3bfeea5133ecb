// Numbers as people type them at the station.

/** "12,5" and "12.5" both read as 12.5; anything else that is not a number is NaN. */
export function readNumber(text: string): number {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}
