// Asking the core for a document (labels, a gate pass, a manifest): the call carries a request id,
// and the core's print.progress events for that id say how far the drawing is. The drawing runs
// in the core's print worker, so this window only waits.
import { useEffect, useRef, useState } from 'react';
import type { MadeDocument } from '../../../src-preload/contract/print/reads.ts';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';

export interface MakeState<D extends MadeDocument> {
  made: D | null;
  busy: boolean;
  /** Rows or labels drawn and of how many, while busy. */
  progress: { done: number; total: number } | null;
  error: string | null;
  make: (call: (requestId: string) => Promise<D>) => Promise<D | null>;
  reset: () => void;
}

let nextRequest = 1;

export function useMakeDocument<D extends MadeDocument>(): MakeState<D> {
  const client = useStationClient();
  const [made, setMade] = useState<D | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      client.on('print.progress', (event) => {
        if (event.requestId === current.current) setProgress({ done: event.done, total: event.total });
      }),
    [client],
  );

  const make = async (call: (requestId: string) => Promise<D>): Promise<D | null> => {
    const requestId = `doc-${String(Date.now())}-${String(nextRequest++)}`;
    current.current = requestId;
    setBusy(true);
    setMade(null);
    setError(null);
    setProgress(null);
    try {
      const result = await call(requestId);
      setMade(result);
      return result;
    } catch (e) {
      setError(readableError(e));
      return null;
    } finally {
      current.current = null;
      setBusy(false);
      setProgress(null);
    }
  };

  const reset = (): void => {
    setMade(null);
    setError(null);
  };

  return { made, busy, progress, error, make, reset };
}
