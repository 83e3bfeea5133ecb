// A stand-in for node-hid behind the HidBackend interface: devices can be plugged and unplugged, and
// an open device delivers the reports a test sends. The decoding path behind it is the real one.
import { EventEmitter } from 'node:events';
import type { HidBackend, HidHandle } from '../../src-main/scanner/hid-device-source.ts';
import type { HidDeviceInfo } from '../../src-main/scanner/hid-devices.ts';

export class FakeHandle extends EventEmitter implements HidHandle {
  closed = false;

  constructor(readonly path: string) {
    super();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  send(report: Uint8Array): void {
    this.emit('data', Buffer.from(report));
  }

  /** What node-hid does when the device is pulled out: the pending read fails. */
  fail(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

export class FakeHidBackend implements HidBackend {
  plugged: HidDeviceInfo[] = [];
  handles: FakeHandle[] = [];
  enumerations = 0;
  openError: Error | null = null;

  devices(): Promise<HidDeviceInfo[]> {
    this.enumerations += 1;
    return Promise.resolve(this.plugged.map((device) => ({ ...device })));
  }

  open(path: string): Promise<HidHandle> {
    if (this.openError) return Promise.reject(this.openError);
    if (!this.plugged.some((device) => device.path === path)) {
      return Promise.reject(new Error(`cannot open device with path ${path}`));
    }
    const handle = new FakeHandle(path);
    this.handles.push(handle);
    return Promise.resolve(handle);
  }

  get last(): FakeHandle {
    const handle = this.handles.at(-1);
    if (!handle) throw new Error('nothing was opened');
    return handle;
  }

  unplug(path: string): void {
    this.plugged = this.plugged.filter((device) => device.path !== path);
    for (const handle of this.handles) if (handle.path === path && !handle.closed) handle.fail();
  }
}

export const POS_SCANNER: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b87,
  path: '/dev/hidraw3',
  serialNumber: '17123B4567',
  manufacturer: 'Honeywell',
  product: 'Test HID POS scanner',
  usagePage: 0x8c,
  usage: 0x02,
  interface: 0,
};
export const POS_SCANNER_ID = '0c2e:0b87:17123B4567:008c.0002';

export const KEYBOARD_SCANNER: HidDeviceInfo = {
  vendorId: 0x05e0,
  productId: 0x1200,
  path: '/dev/hidraw4',
  product: 'Test keyboard-mode scanner',
  usagePage: 0x01,
  usage: 0x06,
  interface: 0,
};
export const KEYBOARD_SCANNER_ID = '05e0:1200:-:0001.0006';

export const OFFICE_KEYBOARD: HidDeviceInfo = {
  vendorId: 0x046d,
  productId: 0xc31c,
  path: '/dev/hidraw0',
  product: 'USB Keyboard',
  usagePage: 0x01,
  usage: 0x06,
};
