// The station core's scanner: a ScannerService for the station folder (scanner.json remembers the
// chosen device), its HID scans and status forwarded as core events so both transports pass them on.
// Wedge scans are not broadcast: 'scanner.wedge' answers them to the window that typed them.
import type { ScannerStatusView } from '../../src-preload/contract/scanner.ts';
import { ScannerService, type ScannerServiceOptions } from '../scanner/scanner-service.ts';
import type { ScanEvent } from '../scanner/scan-event.ts';

export interface ScannerEventSink {
  scan(event: ScanEvent): void;
  status(status: ScannerStatusView): void;
}

/** The status with the name the device had when chosen. */
export function scannerStatusView(service: ScannerService): ScannerStatusView {
  const status = service.status();
  const settings = service.currentSettings();
  return {
    state: status.state,
    message: status.message,
    deviceId: status.deviceId,
    label: status.deviceId !== null && status.deviceId === settings.deviceId ? settings.label : null,
  };
}

/**
 * Creates the service and forwards its events to `sink`. `options === false` leaves it stopped (no
 * device opened; the wedge and added sources still work).
 */
export function createStationScanner(
  stationDir: string,
  sink: ScannerEventSink,
  options: false | Omit<ScannerServiceOptions, 'stationDir'> = {},
): ScannerService {
  const service = new ScannerService({ stationDir, ...(options === false ? {} : options) });
  service.on('scan', (event) => {
    if (event.source !== 'wedge') sink.scan(event);
  });
  service.on('status', () => {
    sink.status(scannerStatusView(service));
  });
  service.on('error', (error) => {
    console.warn(`station: a scan was refused (${error.source}): ${error.message}`);
  });
  if (options !== false) {
    service.start().catch((error: unknown) => {
      console.error('station: the scanner reader did not start', error);
    });
  }
  return service;
}
