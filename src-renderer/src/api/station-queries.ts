// The shell's hooks over the station API: station info, lookup, the outbox, submitting an
// operation (typed by its type), login and logout. Domain reads live in each domain's
// *-queries.ts, all on useStationQuery (keys start with the method; api/refresh.ts refreshes them).
import {
  useMutation,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ParamsOf, ResultOf } from '../../../src-preload/contract/api.ts';
import type {
  OperationInput,
  OperationType,
  SubmitRequest,
} from '../../../src-preload/contract/operations.ts';
import type { LoginParams } from '../../../src-preload/contract/session.ts';
import { QUEUE_TABLES } from '../../../src-preload/contract/tables.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useStationClient } from './client-context.tsx';
import { invalidateForTables, refreshAfterOwnChange } from './refresh.ts';
import { useStationQuery } from './use-station-query.ts';

type OperationsFilter = NonNullable<ParamsOf<'operations.list'>['filter']>;

export function useStationInfo(): UseQueryResult<ResultOf<'station.info'>> {
  return useStationQuery('station.info', {}, { staleTime: Infinity });
}

/** The lookup of one submitted code (null: nothing submitted yet). */
export function useLookup(code: string | null): UseQueryResult<ResultOf<'lookup.code'>> {
  return useStationQuery('lookup.code', code === null ? null : { code });
}

export function useOperations(filter: OperationsFilter = 'all'): UseQueryResult<ResultOf<'operations.list'>> {
  return useStationQuery('operations.list', { filter });
}

export function useAcknowledge(): UseMutationResult<ResultOf<'operations.acknowledge'>, Error, string> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (opId: string) => client.call('operations.acknowledge', { opId }),
    onSettled: () => invalidateForTables(queryClient, ['outbox']),
  });
}

/** Queues one operation; its payload is typed by its type. */
export function useSubmitOperation(): UseMutationResult<ResultOf<'operations.submit'>, Error, SubmitRequest> {
  const client = useStationClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SubmitRequest) => client.call('operations.submit', request),
    onSuccess: () => refreshAfterOwnChange(queryClient, QUEUE_TABLES),
  });
}

/** A submit request for one operation type (the compiler checks the payload against its type). */
export function operation<T extends OperationType>(type: T, payload: OperationInput<T>): SubmitRequest {
  return { type, payload } as SubmitRequest;
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
