// React Query hooks, one per station call. Query keys start with the method name; DEPENDS_ON says
// which cache tables each query reads, so a data.changed event refreshes only what it touches.
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Method, ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import type { OperationRequest } from '../../../src-preload/contract/operations.ts';
import type { LoginParams } from '../../../src-preload/contract/session.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useStationClient } from './client-context.tsx';

type OperationsFilter = NonNullable<ParamsOf<'operations.list'>['filter']>;

const DEPENDS_ON: Partial<Record<Method, readonly string[]>> = {
  'lookup.code': [
    'assets',
    'asset_identities',
    'locations',
    'parts',
    'inventory_stock',
    'users',
    'work_orders',
    'shipments',
  ],
  'operations.list': ['outbox', 'pending_effects'],
};

/** Marks stale (and refetches if shown) every query that reads one of the changed tables. */
export function invalidateForTables(queryClient: QueryClient, tables: readonly string[]): Promise<void> {
  const everything = tables.includes('*');
  return queryClient.invalidateQueries({
    predicate: (query) => {
      const method = query.queryKey[0];
      if (typeof method !== 'string') return false;
      const reads = DEPENDS_ON[method as Method];
      return reads !== undefined && (everything || reads.some((table) => tables.includes(table)));
    },
  });
}

export function invalidateOperations(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['operations.list'] });
}

export function useStationInfo(): UseQueryResult<ResultOf<'station.info'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['station.info'],
    queryFn: () => client.call('station.info', {}),
    staleTime: Infinity,
  });
}

/** The lookup of one submitted code (null: nothing submitted yet). */
export function useLookup(code: string | null): UseQueryResult<ResultOf<'lookup.code'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['lookup.code', code],
    queryFn: () => client.call('lookup.code', { code: code ?? '' }),
    enabled: code !== null,
  });
}

export function useOperations(filter: OperationsFilter = 'all'): UseQueryResult<ResultOf<'operations.list'>> {
  const client = useStationClient();
  return useQuery({
    queryKey: ['operations.list', filter],
    queryFn: () => client.call('operations.list', { filter }),
  });
}

export function useAcknowledge(): UseMutationResult<ResultOf<'operations.acknowledge'>, Error, string> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (opId: string) => client.call('operations.acknowledge', { opId }),
    onSettled: () => invalidateOperations(queryClient),
  });
}

export function useSubmitOperation(): UseMutationResult<
  ResultOf<'operations.submit'>,
  Error,
  OperationRequest
> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OperationRequest) => client.call('operations.submit', request),
    onSuccess: () => invalidateOperations(queryClient),
  });
}

export function useLogin(): UseMutationResult<ResultOf<'session.login'>, Error, LoginParams> {
  const client = useStationClient();
  const loggedIn = useSessionStore((s) => s.loggedIn);
  return useMutation({
    mutationFn: (params: LoginParams) => client.call('session.login', params),
    onSuccess: (user) => {
      loggedIn(user);
    },
  });
}

export function useLogout(): UseMutationResult<ResultOf<'session.logout'>, Error, void> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  const loggedOut = useSessionStore((s) => s.loggedOut);
  return useMutation({
    mutationFn: () => client.call('session.logout', {}),
    onSettled: () => {
      // Whatever the core answered, this window forgets the user and what they looked at.
      loggedOut();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'station.info' });
    },
  });
}
