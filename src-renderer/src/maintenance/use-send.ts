// Sending one maintenance operation (its payload typed by its type) from a screen: the core's
// refusal as the screen's error, its summary as the "queued" confirmation.
import { useState } from 'react';
import type { OperationInput, OperationType } from '../../../src-preload/contract/operations.ts';
import { readableError } from '../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../api/station-queries.ts';

export interface Sender {
  error: string | null;
  queued: string | null;
  busy: boolean;
  setError: (message: string | null) => void;
  reset: () => void;
  /** Queues the operation; true when the core took it. */
  send: <T extends OperationType>(type: T, payload: OperationInput<T>) => Promise<boolean>;
}

export function useSend(): Sender {
  const submit = useSubmitOperation();
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  return {
    error,
    queued,
    busy: submit.isPending,
    setError: (message) => {
      setError(message);
      if (message !== null) setQueued(null);
    },
    reset: () => {
      setError(null);
      setQueued(null);
    },
    send: async <T extends OperationType>(type: T, payload: OperationInput<T>) => {
      setError(null);
      setQueued(null);
      try {
        const result = await submit.mutateAsync(operation(type, payload));
        setQueued(result.summary);
        return true;
      } catch (e) {
        setError(readableError(e));
        return false;
      }
    },
  };
}
