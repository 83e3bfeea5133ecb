// React Query over the station API: the query key is [method, params], so a read is refreshed by
// api/refresh.ts whenever a table its method reads changes. Paged calls (keyset cursors) are one
// growing list.
import {
  useInfiniteQuery,
  useQuery,
  type InfiniteData,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Method, ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import { useStationClient } from './client-context.tsx';

type QueryOptions<M extends Method> = Omit<UseQueryOptions<ResultOf<M>>, 'queryKey' | 'queryFn' | 'enabled'>;

/** One station call as a query; null params: nothing to ask yet. */
export function useStationQuery<M extends Method>(
  method: M,
  params: ParamsOf<M> | null,
  options: QueryOptions<M> = {},
): UseQueryResult<ResultOf<M>> {
  const client = useStationClient();
  return useQuery({
    ...options,
    queryKey: [method, params],
    queryFn: () => client.call(method, params as ParamsOf<M>),
    enabled: params !== null,
  });
}

/** The calls that page by key: `after` in, `rows` and `next` out. */
export type PagedMethod = {
  [M in Method]: ResultOf<M> extends { rows: unknown[]; next: string | null }
    ? ParamsOf<M> extends { after?: string }
      ? M
      : never
    : never;
}[Method];

export type RowOf<M extends PagedMethod> = ResultOf<M>['rows'][number];

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
