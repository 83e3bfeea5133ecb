// The station core's scanner service: owns the source for the chosen scanner (or none), remembers the
// choice in DIR/scanner.json, merges every source (the HID reader, the renderer's keyboard wedge,
// replays) into one stream of ScanEvents, and reports the scanner's status. Plain Node; the station
// core forwards its 'scan' and 'status' events to the UI.
//
// A scanner in keyboard mode read through HID on Linux still types into the focused window, so the
// wedge sees the same scan: a code that arrives from a second reader within duplicateWindowMs of the
// first is dropped.
import { EventEmitter } from 'node:events';
import { HidDeviceSource, listHidDevices, type DeviceListing } from './hid-device-source.ts';
import { checkCode, type ScanError, type ScanEvent, type ScannerStatus } from './scan-event.ts';
import {
  DEFAULT_SCANNER_SETTINGS,
  readScannerSettings,
  writeScannerSettings,
  type ScannerSettings,
} from './scanner-settings.ts';
import { emitScanError, type ScannerSource, type ScannerSourceEvents } from './scanner-source.ts';

export interface ScannerServiceOptions {
  /** The station folder: scanner.json lives there. Without it the choice is not remembered. */
  stationDir?: string;
  /** Makes the source for a chosen device (default: the node-hid reader). */
  createDeviceSource?: (deviceId: string, settings: ScannerSettings) => ScannerSource;
  listDevices?: () => Promise<DeviceListing[]>;
  /** The same code from another reader within this window is one scan read twice (default 1000 ms). */
  duplicateWindowMs?: number;
  now?: () => number;
}

export const NO_SCANNER_STATUS: ScannerStatus = {
  state: 'disconnected',
  message: 'No HID scanner is chosen; scans come from the keyboard (wedge) reader.',
  deviceId: null,
};

export class ScannerService extends EventEmitter<ScannerSourceEvents> {
  private readonly options: ScannerServiceOptions;
  private readonly now: () => number;
  private settings: ScannerSettings = { ...DEFAULT_SCANNER_SETTINGS };
  private device: ScannerSource | null = null;
  private readonly detachers = new Map<ScannerSource, () => void>();
  private recent: ScanEvent[] = [];

  constructor(options: ScannerServiceOptions = {}) {
    super();
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Reads scanner.json and starts reading the scanner chosen there, if any. */
  async start(): Promise<void> {
    if (this.options.stationDir !== undefined) this.settings = readScannerSettings(this.options.stationDir);
    if (this.settings.deviceId !== null) await this.openDevice(this.settings.deviceId);
    else this.emit('status', this.status());
  }

  /** Chooses the scanner to read (null: none, the wedge only), remembers it and starts reading it. */
  async chooseDevice(deviceId: string | null, label: string | null = null): Promise<ScannerStatus> {
    await this.closeDevice();
    this.settings = {
      ...this.settings,
      deviceId,
      label: deviceId === null ? null : label,
      chosenAt: new Date(this.now()).toISOString(),
    };
    if (this.options.stationDir !== undefined) writeScannerSettings(this.options.stationDir, this.settings);
    if (deviceId === null) this.emit('status', this.status());
    else await this.openDevice(deviceId);
    return this.status();
  }

  currentSettings(): ScannerSettings {
    return this.settings;
  }

  status(): ScannerStatus {
    return this.device?.status() ?? NO_SCANNER_STATUS;
  }

  listDevices(): Promise<DeviceListing[]> {
    return (this.options.listDevices ?? listHidDevices)();
  }

  /**
   * Merges another source (a replay, a test double) into the stream. The caller starts it; the
   * returned function detaches it again.
   */
  addSource(source: ScannerSource): () => void {
    const onScan = (event: ScanEvent): void => {
      this.accept(event);
    };
    const onStatus = (status: ScannerStatus): void => {
      if (source === this.device) this.emit('status', status);
    };
    const onError = (error: ScanError): void => {
      emitScanError(this, error);
    };
    source.on('scan', onScan);
    source.on('status', onStatus);
    source.on('error', onError);
    const detach = (): void => {
      source.off('scan', onScan);
      source.off('status', onStatus);
      source.off('error', onError);
      this.detachers.delete(source);
    };
    this.detachers.set(source, detach);
    return detach;
  }

  /** A code read by the renderer's keyboard wedge: checked like any other, then merged into the stream. */
  wedgeScan(code: string, at: number = this.now()): ScanEvent | ScanError {
    const checked = checkCode(code);
    if (!checked.ok) {
      const error: ScanError = {
        code: checked.error,
        message: checked.message,
        source: 'wedge',
        deviceId: null,
        at,
      };
      emitScanError(this, error);
      return error;
    }
    const event: ScanEvent = {
      code: checked.code,
      symbology: null,
      aimId: null,
      source: 'wedge',
      deviceId: null,
      at,
    };
    this.accept(event);
    return event;
  }

  async stop(): Promise<void> {
    await this.closeDevice();
    for (const detach of [...this.detachers.values()]) detach();
  }

  private async openDevice(deviceId: string): Promise<void> {
    const create =
      this.options.createDeviceSource ??
      ((id: string, settings: ScannerSettings) =>
        new HidDeviceSource({ deviceId: id, keyboardIdleMs: settings.keyboardIdleMs }));
    const source = create(deviceId, this.settings);
    this.device = source;
    this.addSource(source);
    await source.start(); // the source reports its own status
  }

  private async closeDevice(): Promise<void> {
    const source = this.device;
    if (!source) return;
    this.device = null;
    this.detachers.get(source)?.();
    await source.stop();
  }

  private accept(event: ScanEvent): void {
    const window = this.options.duplicateWindowMs ?? 1000;
    this.recent = this.recent.filter((seen) => Math.abs(event.at - seen.at) <= window);
    const duplicate = this.recent.some((seen) => seen.code === event.code && seen.source !== event.source);
    if (duplicate) return;
    this.recent.push(event);
    this.emit('scan', event);
  }
}
