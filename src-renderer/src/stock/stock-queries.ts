// React Query hooks for the stock read API (src-preload/contract/stock.ts). Paged calls go through
// useInfiniteQuery with the keyset cursor (`next` passed back as `after`). Every query here reads
// the cache with the pending effects on top, so any local or pulled change refreshes them
// (useStockLiveUpdates).
import {
  useInfiniteQuery,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Method, ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationClient } from '../api/client-context.tsx';

export type PagedMethod =
  | 'parts.search'
  | 'stock.byBin'
  | 'stock.lowStock'
  | 'people.technicians'
  | 'workOrders.open'
  | 'stock.movements';

export type RowOf<M extends PagedMethod> = ResultOf<M>['rows'][number];

const STOCK_METHODS: ReadonlySet<string> = new Set<Method>([
  'parts.search',
  'stock.byPart',
  'stock.byBin',
  'stock.warehouses',
  'stock.lowStock',
  'stock.movements',
  'wallets.forTechnician',
  'people.technicians',
  'workOrders.open',
]);

/** Rows of every loaded page, and what the list needs to load more. */
export interface PagedRows<M extends PagedMethod> {
  rows: RowOf<M>[];
  /** The first page's whole answer (e.g. the warehouse of stock.byBin), once loaded. */
  first: ResultOf<M> | undefined;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  loadMore: () => void;
}

/** A keyset-paged call as one growing list; null params: nothing to ask yet. */
export function usePaged<M extends PagedMethod>(
  method: M,
  params: Omit<ParamsOf<M>, 'after'> | null,
): PagedRows<M> {
  const client = useStationClient();
  const query = useInfiniteQuery<
    ResultOf<M>,
    Error,
    InfiniteData<ResultOf<M>>,
    unknown[],
    string | undefined
  >({
    queryKey: [method, params],
    queryFn: ({ pageParam }) => client.call(method, { ...params, after: pageParam } as ParamsOf<M>),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: params !== null,
    placeholderData: (previous) => previous,
  });
  const pages = query.data?.pages;
  const rows = useMemo(() => (pages ?? []).flatMap((page) => page.rows as RowOf<M>[]), [pages]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  return {
    rows,
    first: pages?.[0],
    hasMore: hasNextPage,
    loading: query.isPending && params !== null,
    loadingMore: isFetchingNextPage,
    error: query.error,
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage({ cancelRefetch: false });
    },
  };
}

export function useStockByPart(partId: string | null): UseQueryResult<ResultOf<'stock.byPart'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['stock.byPart', partId],
    queryFn: () => client.call('stock.byPart', { part_id: partId ?? '' }),
    enabled: partId !== null,
  });
}

export function useWallet(technicianId: string | null): UseQueryResult<ResultOf<'wallets.forTechnician'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['wallets.forTechnician', technicianId],
    queryFn: () => client.call('wallets.forTechnician', { technician_id: technicianId ?? '' }),
    enabled: technicianId !== null,
  });
}

export function useWarehouses(): UseQueryResult<ResultOf<'stock.warehouses'>> {
  const client = useStationClient();
  return useQuery({ queryKey: ['stock.warehouses'], queryFn: () => client.call('stock.warehouses', {}) });
}

/** Refreshes the stock queries whenever the core reports changed data (a queued operation, a pull). */
export function useStockLiveUpdates(): void {
  const client = useStationClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.on('data.changed', () => {
        void queryClient.invalidateQueries({
          predicate: (query) => STOCK_METHODS.has(String(query.queryKey[0])),
        });
      }),
    [client, queryClient],
  );
}
