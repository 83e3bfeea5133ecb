// The live scanner reader: node-hid in the station core (never in the renderer). Lists devices, opens
// the chosen one by its stable id, feeds its reports through the decoder its usage page calls for,
// notices an unplug (a read error) and opens the device again, with backoff, when it comes back.
// This is the only file that touches node-hid, and it loads it lazily: the rest of the station core
// (and the replay tools) work where node-hid or libusb is missing.
import { EventEmitter } from 'node:events';
import { canOpenOn, classifyDevice, deviceIdOf, findDevice, type HidDeviceInfo } from './hid-devices.ts';
import { openFailure, ScannerOpenError, WINDOWS_KEYBOARD_MESSAGE } from './hid-open-errors.ts';
import { createDecoder } from './decoder-for.ts';
import { readerFor, type ReaderKind, type ReportDecoder } from './report-decoder.ts';
import type { ScannerState, ScannerStatus, ScanSourceKind } from './scan-event.ts';

export { ScannerOpenError } from './hid-open-errors.ts';
import {
  emitDecoded,
  emitScanError,
  type ScannerSource,
  type ScannerSourceEvents,
} from './scanner-source.ts';

/** An open device: node-hid's HIDAsync, or a test double. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

let nodeHid: Promise<HidBackend> | undefined;

/** node-hid, loaded on first use. */
export function nodeHidBackend(): Promise<HidBackend> {
  nodeHid ??= (async () => {
    let hid: typeof import('node-hid');
    try {
      const mod = await import('node-hid');
      hid = (mod as { default?: typeof import('node-hid') }).default ?? mod;
    } catch (error) {
      nodeHid = undefined;
      throw new Error(
        `node-hid could not be loaded (${(error as Error).message}). On Debian/Ubuntu install libusb: sudo apt-get install libusb-1.0-0`,
        { cause: error },
      );
    }
    return {
      devices: () => hid.devicesAsync(),
      open: async (path: string) => hid.HIDAsync.open(path),
    };
  })();
  return nodeHid;
}

export interface OpenOptions {
  backend?: () => Promise<HidBackend>;
  platform?: NodeJS.Platform;
}

/** Finds a device by id or path and opens it; throws a ScannerOpenError saying what to do when it cannot. */
export async function openHidDevice(
  idOrPath: string,
  options: OpenOptions = {},
): Promise<{ device: HidDeviceInfo; handle: HidHandle }> {
  const platform = options.platform ?? process.platform;
  const hid = await (options.backend ?? nodeHidBackend)();
  const device = findDevice(await hid.devices(), idOrPath);
  if (!device) {
    throw new ScannerOpenError(
      'disconnected',
      `The scanner ${idOrPath} is not plugged in (run 'amms scanner list' to see the devices).`,
    );
  }
  if (!canOpenOn(platform, device)) throw new ScannerOpenError('unavailable', WINDOWS_KEYBOARD_MESSAGE);
  if (!device.path) throw new ScannerOpenError('disconnected', `The system gives no path for ${idOrPath}.`);
  try {
    return { device, handle: await hid.open(device.path) };
  } catch (error) {
    throw openFailure(error, device, platform);
  }
}

export interface DeviceListing extends HidDeviceInfo {
  id: string;
  reader: ReaderKind | null;
  looksLikeScanner: boolean;
  reason: string;
  /** Whether the device could be opened: tried for devices that look like scanners only. */
  open: 'ok' | 'permission_denied' | 'unavailable' | 'failed' | 'not_tried';
  openMessage: string | null;
}

/** Every HID device, which ones look like scanners, and whether those can be opened here. */
export async function listHidDevices(options: OpenOptions = {}): Promise<DeviceListing[]> {
  const hid = await (options.backend ?? nodeHidBackend)();
  const listings: DeviceListing[] = [];
  for (const device of await hid.devices()) {
    const id = deviceIdOf(device);
    const listing: DeviceListing = {
      ...device,
      id,
      ...classifyDevice(device),
      open: 'not_tried',
      openMessage: null,
    };
    if (listing.looksLikeScanner) {
      try {
        const opened = await openHidDevice(device.path ?? id, options);
        await opened.handle.close().catch(() => undefined);
        listing.open = 'ok';
      } catch (error) {
        const state = error instanceof ScannerOpenError ? error.state : 'disconnected';
        listing.open = state === 'disconnected' ? 'failed' : state;
        listing.openMessage = (error as Error).message;
      }
    }
    listings.push(listing);
  }
  return listings;
}

export interface HidDeviceSourceOptions extends OpenOptions {
  /** The device's stable id (hid-devices.ts) or its OS path. */
  deviceId: string;
  keyboardIdleMs?: number;
  /** Reopen attempts after an unplug: first delay, doubling up to maxMs (defaults 250 ms and 5 s). */
  retry?: { initialMs?: number; maxMs?: number };
  now?: () => number;
}

export class HidDeviceSource extends EventEmitter<ScannerSourceEvents> implements ScannerSource {
  readonly deviceId: string;
  source: ScanSourceKind = 'hid-pos';
  private readonly options: HidDeviceSourceOptions;
  private readonly now: () => number;
  private current: ScannerStatus;
  private handle: HidHandle | null = null;
  private decoder: ReportDecoder | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private running = false;
  /** Set after an unplug: while the device is missing, the status keeps saying it was unplugged. */
  private unplugged = false;

  constructor(options: HidDeviceSourceOptions) {
    super();
    this.options = options;
    this.deviceId = options.deviceId;
    this.now = options.now ?? Date.now;
    this.current = {
      state: 'disconnected',
      message: 'The scanner reader has not started.',
      deviceId: this.deviceId,
    };
  }

  status(): ScannerStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unplugged = false;
    this.clearTimers();
    await this.release();
    this.setStatus('disconnected', 'The scanner reader is stopped.');
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (!this.running) return;
    try {
      const { device, handle } = await openHidDevice(this.deviceId, this.options);
      if (!this.isRunning()) {
        await handle.close().catch(() => undefined);
        return;
      }
      this.attach(device, handle);
      this.attempt = 0;
      this.unplugged = false;
      const name = [device.manufacturer, device.product].filter(Boolean).join(' ') || deviceIdOf(device);
      this.setStatus(
        'connected',
        `Reading ${name} (${this.source === 'hid-pos' ? 'HID POS' : 'keyboard mode'}).`,
      );
    } catch (error) {
      if (error instanceof ScannerOpenError) {
        if (!(this.unplugged && error.state === 'disconnected')) this.setStatus(error.state, error.message);
        if (error.state === 'unavailable') return; // this platform will never allow it: do not poll
      } else {
        this.setStatus('disconnected', (error as Error).message);
      }
      this.scheduleRetry();
    }
  }

  /** Read again after an await: stop() may have run meanwhile. */
  private isRunning(): boolean {
    return this.running;
  }

  private attach(device: HidDeviceInfo, handle: HidHandle): void {
    if (readerFor(device) === null) {
      void handle.close().catch(() => undefined);
      throw new ScannerOpenError(
        'unavailable',
        `${deviceIdOf(device)} is neither a HID POS scanner nor a keyboard.`,
      );
    }
    const decoder = createDecoder(
      device,
      this.options.keyboardIdleMs === undefined ? {} : { keyboardIdleMs: this.options.keyboardIdleMs },
    );
    this.decoder = decoder;
    this.source = decoder.reader;
    this.handle = handle;
    handle.on('data', (data) => {
      this.onReport(decoder, data);
    });
    handle.on('error', (error) => {
      void this.onLost(handle, error);
    });
  }

  private onReport(decoder: ReportDecoder, data: Buffer): void {
    emitDecoded(this, decoder.push(new Uint8Array(data), this.now()), this.source, this.deviceId);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (decoder.hasPending()) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        emitDecoded(this, decoder.flush(), this.source, this.deviceId);
      }, decoder.idleMs);
    }
  }

  private async onLost(handle: HidHandle, error: unknown): Promise<void> {
    if (!this.running || this.handle !== handle) return;
    if (this.decoder?.hasPending()) {
      emitScanError(this, {
        code: 'incomplete',
        message: 'The scanner went away in the middle of a scan. Scan the code again.',
        source: this.source,
        deviceId: this.deviceId,
        at: this.now(),
      });
    }
    await this.release();
    this.unplugged = true;
    const reason = error instanceof Error ? ` (${error.message})` : '';
    this.setStatus(
      'disconnected',
      `The scanner was unplugged or stopped answering${reason}; waiting for it to come back.`,
    );
    this.scheduleRetry();
  }

  private async release(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const handle = this.handle;
    this.handle = null;
    this.decoder = null;
    if (handle) await handle.close().catch(() => undefined);
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    const initial = this.options.retry?.initialMs ?? 250;
    const max = this.options.retry?.maxMs ?? 5000;
    const delay = Math.min(initial * 2 ** this.attempt, max);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      void this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.retryTimer = null;
    this.idleTimer = null;
  }

  private setStatus(state: ScannerState, message: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { state, message, deviceId: this.deviceId };
    this.emit('status', this.current);
  }
}
