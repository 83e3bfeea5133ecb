// HID devices as node-hid lists them: stable ids, which ones look like scanners, and finding the
// chosen one again after it was unplugged. Pure: no node-hid here.
import { readerFor, type ReaderKind } from './report-decoder.ts';

/** One entry of node-hid's devices() (the fields it documents). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  release?: number | undefined;
  interface?: number | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/**
 * USB vendor ids of barcode scanner makers (from the USB ID registry). A keyboard-mode device
 * (usage 0x01/0x06) from one of them is taken for a scanner; any other keyboard is listed as a
 * keyboard and can still be chosen by its id.
 */
export const SCANNER_VENDORS: Readonly<Record<number, string>> = {
  0x0536: 'Hand Held Products (Honeywell)',
  0x0c2e: 'Metrologic (Honeywell)',
  0x05e0: 'Symbol Technologies (Zebra)',
  0x05f9: 'PSC Scanning (Datalogic)',
  0x080c: 'Datalogic',
  0x1eab: 'Newland',
  0x0db5: 'Access-IS',
  0x065a: 'Opticon (Optoelectronics)',
};

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * A stable id for a device interface: vendor:product:serial:usagePage.usage, in hex, '-' for a
 * missing serial. It survives unplug/replug and a new USB port (the OS path does not), and tells
 * apart the HID POS and keyboard interfaces of one scanner. Two identical scanners without serial
 * numbers share an id; the first one found is used.
 */
export function deviceIdOf(device: HidDeviceInfo): string {
  const serial = device.serialNumber?.trim() ? device.serialNumber.trim() : '-';
  return `${hex4(device.vendorId)}:${hex4(device.productId)}:${serial}:${hex4(device.usagePage ?? 0)}.${hex4(device.usage ?? 0)}`;
}

export interface DeviceClass {
  reader: ReaderKind | null;
  looksLikeScanner: boolean;
  /** Why it does or does not look like a scanner. */
  reason: string;
}

export function classifyDevice(device: HidDeviceInfo): DeviceClass {
  const reader = readerFor(device);
  const vendor = SCANNER_VENDORS[device.vendorId];
  if (reader === 'hid-pos')
    return { reader, looksLikeScanner: true, reason: 'HID POS barcode scanner (0x8c)' };
  if (reader === 'hid-keyboard') {
    return vendor
      ? { reader, looksLikeScanner: true, reason: `keyboard-mode scanner (${vendor})` }
      : { reader, looksLikeScanner: false, reason: 'keyboard (not a known scanner vendor)' };
  }
  return { reader: null, looksLikeScanner: false, reason: 'not a scanner or keyboard' };
}

/** Finds a device by its stable id, or by its OS path (e.g. /dev/hidraw3). */
export function findDevice(devices: readonly HidDeviceInfo[], idOrPath: string): HidDeviceInfo | undefined {
  return (
    devices.find((device) => deviceIdOf(device) === idOrPath) ??
    devices.find((device) => device.path !== undefined && device.path === idOrPath)
  );
}

/** True when this platform lets an application open the device (Windows keeps keyboards to itself). */
export function canOpenOn(platform: NodeJS.Platform, device: HidDeviceInfo): boolean {
  return !(platform === 'win32' && readerFor(device) === 'hid-keyboard');
}
