// What the Load and Receive truck screens share: the scan field's ref (focus goes back to it after
// every action), the last thing done ("EX-101 loaded on GP-NBO1-0042") or the reason it was
// refused, and queueing one operation. A refusal is answered to the scan field in one line, so the
// clerk reads it where they scanned.
import { useRef, useState, type RefObject } from 'react';
import type { OperationInput, OperationType } from '../../../src-preload/contract/operations.ts';
import { readableError } from '../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../api/station-queries.ts';

export interface TruckScreen {
  scanRef: RefObject<HTMLInputElement | null>;
  /** The last operation queued, in its summary's words. */
  done: string | null;
  /** A refusal of a button (not a scan: the scan field shows those). */
  error: string | null;
  busy: boolean;
  setError: (message: string | null) => void;
  reset: () => void;
  /** Queues the operation: null when the core took it, else its reason in the clerk's words. */
  send: <T extends OperationType>(type: T, payload: OperationInput<T>) => Promise<string | null>;
  focusScan: () => void;
}

export function useTruckScreen(): TruckScreen {
  const submit = useSubmitOperation();
  const scanRef = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focusScan = (): void => {
    scanRef.current?.focus();
  };
  return {
    scanRef,
    done,
    error,
    busy: submit.isPending,
    setError: (message) => {
      setError(message);
      if (message !== null) setDone(null);
    },
    reset: () => {
      setError(null);
      setDone(null);
    },
    send: async <T extends OperationType>(type: T, payload: OperationInput<T>) => {
      setError(null);
      try {
        const result = await submit.mutateAsync(operation(type, payload));
        setDone(result.summary);
        return null;
      } catch (e) {
        setDone(null);
        return readableError(e);
      }
    },
    focusScan,
  };
}
