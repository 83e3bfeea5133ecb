// One stream of scans for the screens. The keyboard-wedge reader is mounted once (useScanStream in
// the app) and reports each scan to the core ('scanner.wedge'), which checks it by the same rules as
// a HID scan and drops one read twice; HID scans arrive as the core's 'scanner.scan' event. Each
// scan goes to the active screen only: the latest mounted useScans() handler. The wedge reader
// listens only while some screen takes scans, so typing on other screens is left alone.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { ScanEvent } from '../../../src-preload/contract/scanner.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useSessionStore } from '../state/session-store.ts';
import { SCANNER_STATUS_KEY } from './scanner-queries.ts';
import { useWedgeScanner } from './use-wedge-scanner.ts';

export type ScanHandler = (scan: ScanEvent) => void;

interface ScanTarget {
  handler: { current: ScanHandler };
}

interface ScanState {
  targets: readonly ScanTarget[];
  /** Why the last scan was refused (shown by the scanner indicator), or null. */
  refused: string | null;
}

export const useScanStore = create<ScanState>()(() => ({ targets: [], refused: null }));

/** Delivers scans to this component while it is mounted (and enabled) and the latest to ask. */
export function useScans(handler: ScanHandler, enabled = true): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  }, [handler]);
  useEffect(() => {
    if (!enabled) return;
    const target: ScanTarget = { handler: ref };
    useScanStore.setState((s) => ({ targets: [...s.targets, target] }));
    return () => {
      useScanStore.setState((s) => ({ targets: s.targets.filter((t) => t !== target) }));
    };
  }, [enabled]);
}

/** Hands a scan to the active screen; false when no screen takes scans. */
export function deliverScan(scan: ScanEvent): boolean {
  const target = useScanStore.getState().targets.at(-1);
  if (!target) return false;
  useScanStore.setState({ refused: null });
  target.handler.current(scan);
  return true;
}

/** Mounted once, in the app: the wedge reader, the core's scan and scanner-status events. */
export function useScanStream(): void {
  const client = useStationClient();
  const queryClient = useQueryClient();
  const signedIn = useSessionStore((s) => s.user !== null);
  const listening = useScanStore((s) => s.targets.length > 0);

  useEffect(() => {
    const offScan = client.on('scanner.scan', (scan) => {
      deliverScan(scan);
    });
    const offStatus = client.on('scanner.status', (status) => {
      queryClient.setQueryData(SCANNER_STATUS_KEY, status);
    });
    return () => {
      offScan();
      offStatus();
    };
  }, [client, queryClient]);

  useWedgeScanner(
    (wedge) => {
      client.call('scanner.wedge', { code: wedge.code }).then(
        (result) => {
          if (result.scan) deliverScan(result.scan);
          else if (result.error) useScanStore.setState({ refused: result.error.message });
        },
        () => {
          // The core is out of reach: the screen still gets the scan (its lookup will say why it fails).
          deliverScan({
            code: wedge.code,
            symbology: null,
            aimId: null,
            source: 'wedge',
            deviceId: null,
            at: Date.now(),
            lookup: null,
          });
        },
      );
    },
    {},
    signedIn && listening,
  );
}
