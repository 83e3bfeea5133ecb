// React Query hooks for the scanner calls. The status query is also fed by 'scanner.status' events.
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationClient } from '../api/client-context.tsx';

export const SCANNER_STATUS_KEY = ['scanner.status'] as const;
const DEVICES_KEY = ['scanner.devices'] as const;

export function useScannerStatus(): UseQueryResult<ResultOf<'scanner.status'>> {
  const client = useStationClient();
  return useQuery({ queryKey: SCANNER_STATUS_KEY, queryFn: () => client.call('scanner.status', {}) });
}

export function useScannerDevices(): UseQueryResult<ResultOf<'scanner.devices'>> {
  const client = useStationClient();
  return useQuery({ queryKey: DEVICES_KEY, queryFn: () => client.call('scanner.devices', {}) });
}

export function useChooseScanner(): UseMutationResult<
  ResultOf<'scanner.choose'>,
  Error,
  ParamsOf<'scanner.choose'>
> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: ParamsOf<'scanner.choose'>) => client.call('scanner.choose', params),
    onSuccess: (status) => {
      queryClient.setQueryData(SCANNER_STATUS_KEY, status);
      void queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    },
  });
}
