// The logistics domain's reads (src-preload/contract/logistics/api.ts) as React Query hooks. Each
// reads the cache with what is queued on top; the contract's `reads` say when they are refreshed.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationQuery } from '../api/use-station-query.ts';

/** The trucks of this site: leaving, coming, returnable passes not back. */
export function useShipments(): UseQueryResult<ResultOf<'shipments.list'>> {
  return useStationQuery('shipments.list', {});
}

/**
 * One truck with its manifest, seals, receipt, discrepancies and history (null: none chosen). The
 * screens that work on a truck scan by scan leave the history out (`history: false`): they read
 * the truck again after every scan and do not show it.
 */
export function useShipment(
  shipmentId: string | null,
  options: { history: boolean } = { history: true },
): UseQueryResult<ResultOf<'shipments.detail'>> {
  return useStationQuery(
    'shipments.detail',
    shipmentId === null ? null : { shipment_id: shipmentId, history: options.history },
  );
}

/** The sites a truck can go to. */
export function useDestinations(): UseQueryResult<ResultOf<'shipments.destinations'>> {
  return useStationQuery('shipments.destinations', {});
}

/** The part's bins at this site (null: no part chosen), to propose where parts come from or go. */
export function usePartBins(partId: string | null): UseQueryResult<ResultOf<'stock.byPart'>> {
  return useStationQuery('stock.byPart', partId === null ? null : { part_id: partId });
}
