// The small interface every scan source implements: the node-hid reader (hid-device-source.ts), the
// replay of a recording (replay-source.ts), and anything a test or a later transport adds. The
// scanner service merges them into one stream of ScanEvents.
import type { EventEmitter } from 'node:events';
import type { DecodeResult } from './report-decoder.ts';
import type { ScanError, ScanEvent, ScannerStatus, ScanSourceKind } from './scan-event.ts';

export interface ScannerSourceEvents {
  scan: [ScanEvent];
  status: [ScannerStatus];
  /** A refused scan or a reader problem; emitted only when someone listens (see emitScanError). */
  error: [ScanError];
}

export interface ScannerSource extends EventEmitter<ScannerSourceEvents> {
  readonly source: ScanSourceKind;
  readonly deviceId: string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ScannerStatus;
}

/**
 * Emits an 'error' only when it has listeners: Node's EventEmitter throws an unheard 'error', and a
 * refused scan must never bring the station core down.
 */
export function emitScanError(emitter: EventEmitter<ScannerSourceEvents>, error: ScanError): void {
  if (emitter.listenerCount('error') > 0) emitter.emit('error', error);
}

/** Turns decoder output into events of a source. */
export function emitDecoded(
  emitter: EventEmitter<ScannerSourceEvents>,
  results: DecodeResult[],
  source: ScanSourceKind,
  deviceId: string | null,
  timeOf: (at: number) => number = (at) => at,
): void {
  for (const result of results) {
    if (result.kind === 'scan') {
      emitter.emit('scan', {
        code: result.code,
        symbology: result.symbology,
        aimId: result.aimId,
        source,
        deviceId,
        at: timeOf(result.at),
      });
    } else {
      emitScanError(emitter, {
        code: result.error,
        message: result.message,
        source,
        deviceId,
        at: timeOf(result.at),
      });
    }
  }
}
