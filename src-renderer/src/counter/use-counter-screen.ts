// What every counter screen shares: the scan field's ref (focus goes back to it after every
// action), submitting one operation with its "queued" confirmation or the core's message, and the
// data refresh of the counter queries.
import { useRef, useState, type RefObject } from 'react';
import type { OperationType } from '../../../src-preload/contract/operations.ts';
import { readableError } from '../api/api-call-error.ts';
import { useSubmitOperation } from '../api/station-queries.ts';
import { useCounterRefresh } from './counter-queries.ts';

export interface CounterScreen {
  scanRef: RefObject<HTMLInputElement | null>;
  error: string | null;
  queued: string | null;
  busy: boolean;
  setError: (message: string | null) => void;
  /** Hides the last confirmation and error (the user started something new). */
  reset: () => void;
  /** Queues the operation; true when the core took it (its summary is shown as queued). */
  send: (type: OperationType, payload: unknown) => Promise<boolean>;
  focusScan: () => void;
}

export function useCounterScreen(): CounterScreen {
  useCounterRefresh();
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
    send: async (type, payload) => {
      setError(null);
      setQueued(null);
      try {
        const result = await submit.mutateAsync({ type, payload });
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
