// React Query hooks of the counter screens (the stock read API). Their keys start with the method
// name; useCounterRefresh refreshes them when the core says data changed or an operation settled.
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Method, ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationClient } from '../api/client-context.tsx';

const COUNTER_METHODS: readonly Method[] = [
  'parts.search',
  'stock.byPart',
  'stock.byBin',
  'stock.warehouses',
  'wallets.forTechnician',
  'people.technicians',
];

/** Refreshes the counter's queries on every data.changed and sync.status event of the core. */
export function useCounterRefresh(): void {
  const client = useStationClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = (): void => {
      void queryClient.invalidateQueries({
        predicate: (query) => COUNTER_METHODS.includes(query.queryKey[0] as Method),
      });
    };
    const offChanged = client.on('data.changed', refresh);
    let last = '';
    const offStatus = client.on('sync.status', (status) => {
      const key = `${status.pending}/${status.rejected}`;
      if (key !== last) refresh();
      last = key;
    });
    return () => {
      offChanged();
      offStatus();
    };
  }, [client, queryClient]);
}

export function useWarehouses(): UseQueryResult<ResultOf<'stock.warehouses'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['stock.warehouses'],
    queryFn: () => client.call('stock.warehouses', {}),
  });
}

/** The part's bins at this site with their pending effects (null: no part chosen). */
export function usePartStock(partId: string | null): UseQueryResult<ResultOf<'stock.byPart'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['stock.byPart', partId],
    queryFn: () => client.call('stock.byPart', { part_id: partId ?? '' }),
    enabled: partId !== null,
  });
}

/** A technician's wallet with its pending effects (null: no technician chosen). */
export function useWallet(technicianId: string | null): UseQueryResult<ResultOf<'wallets.forTechnician'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['wallets.forTechnician', technicianId],
    queryFn: () => client.call('wallets.forTechnician', { technician_id: technicianId ?? '' }),
    enabled: technicianId !== null,
  });
}
