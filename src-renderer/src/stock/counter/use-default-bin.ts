// Proposes a bin once a part is chosen: the part's usable bin with the most stock shown (in the
// chosen warehouse when there is one), so that scanning a part is often all an issue needs.
import { useEffect } from 'react';
import type { BinChoice } from './bin-picker.tsx';
import { useStockByPart } from '../stock-queries.ts';

export function useDefaultBin(
  partId: string | null,
  bin: BinChoice,
  setBin: (value: BinChoice) => void,
): void {
  const stock = useStockByPart(partId);
  const bins = stock.data?.part.id === partId ? stock.data.bins : undefined;
  useEffect(() => {
    if (!bins || bin.bin !== '') return;
    const best = bins
      .filter((b) => !b.is_quarantine && b.qty_shown > 0)
      .filter((b) => bin.warehouseId === null || b.location_id === bin.warehouseId)
      .sort((a, b) => b.qty_shown - a.qty_shown)[0];
    if (best) setBin({ warehouseId: best.location_id, bin: best.bin_location });
  }, [bins, bin, setBin]);
}
