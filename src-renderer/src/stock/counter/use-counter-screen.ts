// What every counter screen shares: the scan field's ref (focus goes back to it after every
// action) and submitting one operation (its payload typed by its type) with its "queued"
// confirmation or the core's message.
import { useRef, useState, type RefObject } from 'react';
import type { OperationInput, OperationType } from '../../../../src-preload/contract/operations.ts';
import { readableError } from '../../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../../api/station-queries.ts';

export interface CounterScreen {
  scanRef: RefObject<HTMLInputElement | null>;
  error: string | null;
  queued: string | null;
  busy: boolean;
  setError: (message: string | null) => void;
  /** Hides the last confirmation and error (the user started something new). */
  reset: () => void;
  /** Queues the operation; true when the core took it (its summary is shown as queued). */
  send: <T extends OperationType>(type: T, payload: OperationInput<T>) => Promise<boolean>;
  focusScan: () => void;
}

export function useCounterScreen(): CounterScreen {
  const submit = useSubmitOperation();
  const scanRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);

  const focusScan = (): void => {
    scanRef.current?.focus();
  };

  return {
    scanRef,
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
      } finally {
        focusScan();
      }
    },
    focusScan,
  };
}
