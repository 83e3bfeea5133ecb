// The live reader around node-hid, on a stand-in backend: open by stable id, decode, unplug and
// replug with backoff, permissions, the Windows keyboard limitation, and the device listing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceIdOf } from '../../src-main/scanner/hid-devices.ts';
import { HidDeviceSource, listHidDevices } from '../../src-main/scanner/hid-device-source.ts';
import type { ScanEvent, ScannerStatus } from '../../src-main/scanner/scan-event.ts';
import {
  FakeHidBackend,
  KEYBOARD_SCANNER,
  KEYBOARD_SCANNER_ID,
  OFFICE_KEYBOARD,
  POS_SCANNER,
  POS_SCANNER_ID,
} from './fake-hid.ts';
import { ENTER, posScan, tap, typeText } from './report-builders.ts';

let source: HidDeviceSource | undefined;
afterEach(async () => {
  await source?.stop();
  source = undefined;
});

function watch(target: HidDeviceSource): { scans: ScanEvent[]; statuses: ScannerStatus[] } {
  const seen = { scans: [] as ScanEvent[], statuses: [] as ScannerStatus[] };
  target.on('scan', (event) => seen.scans.push(event));
  target.on('status', (status) => seen.statuses.push(status));
  return seen;
}

describe('HidDeviceSource', () => {
  it('gives devices stable ids: vendor:product:serial:usagePage.usage', () => {
    expect(deviceIdOf(POS_SCANNER)).toBe(POS_SCANNER_ID);
    expect(deviceIdOf(KEYBOARD_SCANNER)).toBe(KEYBOARD_SCANNER_ID);
  });

  it('opens the chosen HID POS scanner and emits its scans', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [OFFICE_KEYBOARD, POS_SCANNER];
    source = new HidDeviceSource({
      deviceId: POS_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'linux',
    });
    const seen = watch(source);
    await source.start();
    expect(source.status()).toMatchObject({ state: 'connected', deviceId: POS_SCANNER_ID });
    expect(source.status().message).toContain('HID POS');
    for (const report of posScan(']E0', '5901234123457')) hid.last.send(report);
    expect(seen.scans).toEqual([
      expect.objectContaining({
        code: '5901234123457',
        symbology: 'EAN-13',
        source: 'hid-pos',
        deviceId: POS_SCANNER_ID,
      }),
    ]);
  });

  it('notices an unplug, waits, and reads again when the same scanner comes back on another path', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [POS_SCANNER];
    source = new HidDeviceSource({
      deviceId: POS_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'linux',
      retry: { initialMs: 5, maxMs: 20 },
    });
    const seen = watch(source);
    await source.start();
    const first = hid.last;
    hid.unplug('/dev/hidraw3');
    await vi.waitFor(() => {
      expect(source?.status().state).toBe('disconnected');
    });
    expect(first.closed).toBe(true);
    expect(source.status().message).toMatch(/unplugged/);
    const polls = hid.enumerations;
    await vi.waitFor(() => {
      expect(hid.enumerations).toBeGreaterThan(polls + 2);
    });
    hid.plugged = [{ ...POS_SCANNER, path: '/dev/hidraw7' }];
    await vi.waitFor(() => {
      expect(source?.status().state).toBe('connected');
    });
    expect(hid.last.path).toBe('/dev/hidraw7');
    for (const report of posScan(']C0', 'AFTER-REPLUG')) hid.last.send(report);
    expect(seen.scans.map((scan) => scan.code)).toEqual(['AFTER-REPLUG']);
    expect(seen.statuses.map((status) => status.state)).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('waits for a chosen scanner that is not plugged in yet', async () => {
    const hid = new FakeHidBackend();
    source = new HidDeviceSource({
      deviceId: POS_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'linux',
      retry: { initialMs: 5, maxMs: 10 },
    });
    await source.start();
    expect(source.status()).toMatchObject({ state: 'disconnected' });
    expect(source.status().message).toMatch(/not plugged in/);
    hid.plugged = [POS_SCANNER];
    await vi.waitFor(() => {
      expect(source?.status().state).toBe('connected');
    });
  });

  it('reports permission_denied with the udev rule when the device cannot be opened for lack of rights', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [POS_SCANNER];
    hid.openError = Object.assign(new Error('cannot open device'), { code: 'EACCES' });
    source = new HidDeviceSource({
      deviceId: POS_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'linux',
      retry: { initialMs: 5, maxMs: 10 },
    });
    await source.start();
    expect(source.status().state).toBe('permission_denied');
    expect(source.status().message).toContain('resources/udev/70-amms-scanners.rules');
    hid.openError = null;
    await vi.waitFor(() => {
      expect(source?.status().state).toBe('connected');
    });
  });

  it('on Windows, reports a keyboard-mode scanner unavailable, points at the wedge reader, and never opens it', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [KEYBOARD_SCANNER];
    source = new HidDeviceSource({
      deviceId: KEYBOARD_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'win32',
    });
    await source.start();
    expect(source.status().state).toBe('unavailable');
    expect(source.status().message).toMatch(/wedge/);
    expect(hid.handles).toEqual([]);
  });

  it('reads a keyboard-mode scanner and flushes a scan without terminator after the idle time', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [KEYBOARD_SCANNER];
    source = new HidDeviceSource({
      deviceId: KEYBOARD_SCANNER_ID,
      backend: () => Promise.resolve(hid),
      platform: 'linux',
      keyboardIdleMs: 20,
    });
    const seen = watch(source);
    await source.start();
    for (const report of [...typeText('P-101'), ...tap(ENTER)]) hid.last.send(report);
    for (const report of typeText('NOENTER')) hid.last.send(report);
    expect(seen.scans.map((scan) => scan.code)).toEqual(['P-101']);
    await vi.waitFor(() => {
      expect(seen.scans.map((scan) => scan.code)).toEqual(['P-101', 'NOENTER']);
    });
    expect(seen.scans[1]?.source).toBe('hid-keyboard');
  });
});

describe('listHidDevices', () => {
  it('lists nothing when there are no devices', async () => {
    const hid = new FakeHidBackend();
    expect(await listHidDevices({ backend: () => Promise.resolve(hid) })).toEqual([]);
  });

  it('marks scanners, tries to open them, and leaves other devices alone', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [OFFICE_KEYBOARD, POS_SCANNER, KEYBOARD_SCANNER];
    const listed = await listHidDevices({ backend: () => Promise.resolve(hid), platform: 'win32' });
    expect(
      listed.map(({ id, looksLikeScanner, reader, open }) => ({ id, looksLikeScanner, reader, open })),
    ).toEqual([
      { id: '046d:c31c:-:0001.0006', looksLikeScanner: false, reader: 'hid-keyboard', open: 'not_tried' },
      { id: POS_SCANNER_ID, looksLikeScanner: true, reader: 'hid-pos', open: 'ok' },
      { id: KEYBOARD_SCANNER_ID, looksLikeScanner: true, reader: 'hid-keyboard', open: 'unavailable' },
    ]);
    expect(hid.handles.every((handle) => handle.closed)).toBe(true);
  });
});
