// The maintenance domain's reads and writes of the supervisor's day, on useStationQuery (refreshed
// from the contract's declared reads) and the station client.
import {
  useMutation,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import { QUEUE_TABLES } from '../../../src-preload/contract/tables.ts';
import { useStationClient } from '../api/client-context.tsx';
import { refreshAfterOwnChange } from '../api/refresh.ts';
import { useStationQuery } from '../api/use-station-query.ts';

export function useDailyLogGrid(date: string): UseQueryResult<ResultOf<'dailyLog.grid'>> {
  return useStationQuery('dailyLog.grid', { date }, { placeholderData: (previous) => previous });
}

export function useSaveGrid(): UseMutationResult<
  ResultOf<'dailyLog.save'>,
  Error,
  ParamsOf<'dailyLog.save'>
> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: ParamsOf<'dailyLog.save'>) => client.call('dailyLog.save', params),
    onSuccess: () => refreshAfterOwnChange(queryClient, QUEUE_TABLES),
  });
}

export function useMeterHistory(assetId: string | null): UseQueryResult<ResultOf<'meters.history'>> {
  return useStationQuery('meters.history', assetId === null ? null : { asset_id: assetId, limit: 6 });
}

export function useCorrections(logId: string | null): UseQueryResult<ResultOf<'dailyLog.corrections'>> {
  return useStationQuery('dailyLog.corrections', logId === null ? null : { log_id: logId });
}
