// The maintenance screens' reads (station API, refreshed by the tables each call reads).
import type { UseQueryResult } from '@tanstack/react-query';
import type { ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationQuery } from '../api/use-station-query.ts';

export function useWorkOrders(
  params: ParamsOf<'workOrders.list'>,
): UseQueryResult<ResultOf<'workOrders.list'>> {
  return useStationQuery('workOrders.list', params);
}

export function useWorkOrder(id: string | null): UseQueryResult<ResultOf<'workOrders.detail'>> {
  return useStationQuery('workOrders.detail', id === null ? null : { wo_id: id });
}

export function usePmBoard(): UseQueryResult<ResultOf<'pm.board'>> {
  return useStationQuery('pm.board', {});
}

export function useRequestQueue(): UseQueryResult<ResultOf<'requests.queue'>> {
  return useStationQuery('requests.queue', {});
}

export function useRequest(id: string | null): UseQueryResult<ResultOf<'requests.detail'>> {
  return useStationQuery('requests.detail', id === null ? null : { request_id: id });
}

export function useAssetCard(id: string | null): UseQueryResult<ResultOf<'assets.card'>> {
  return useStationQuery('assets.card', id === null ? null : { asset_id: id });
}

export function useTechnicians(): UseQueryResult<ResultOf<'people.technicians'>> {
  return useStationQuery('people.technicians', { limit: 200 });
}
