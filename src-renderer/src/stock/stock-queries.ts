// The stock domain's reads (src-preload/contract/stock/api.ts) as React Query hooks. Each reads the
// cache with the pending effects on top; the contract's `reads` say when they are refreshed.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationQuery } from '../api/use-station-query.ts';

export function useWarehouses(): UseQueryResult<ResultOf<'stock.warehouses'>> {
  return useStationQuery('stock.warehouses', {});
}

/** The part's bins at this site with their pending effects (null: no part chosen). */
export function useStockByPart(partId: string | null): UseQueryResult<ResultOf<'stock.byPart'>> {
  return useStationQuery('stock.byPart', partId === null ? null : { part_id: partId });
}

/** A technician's wallet with its pending effects (null: no technician chosen). */
export function useWallet(technicianId: string | null): UseQueryResult<ResultOf<'wallets.forTechnician'>> {
  return useStationQuery(
    'wallets.forTechnician',
    technicianId === null ? null : { technician_id: technicianId },
  );
}
