// The scanner service: replays through it, the remembered choice in scanner.json, the wedge, the
// merged stream without double reads, and status.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HidDeviceSource } from '../../src-main/scanner/hid-device-source.ts';
import { readRecordingFile } from '../../src-main/scanner/recording.ts';
import { ReplaySource } from '../../src-main/scanner/replay-source.ts';
import type { ScanError, ScanEvent, ScannerStatus } from '../../src-main/scanner/scan-event.ts';
import { NO_SCANNER_STATUS, ScannerService } from '../../src-main/scanner/scanner-service.ts';
import { readScannerSettings, SCANNER_FILE } from '../../src-main/scanner/scanner-settings.ts';
import { FakeHidBackend, POS_SCANNER, POS_SCANNER_ID } from './fake-hid.ts';
import { posScan } from './report-builders.ts';

const fixtures = fileURLToPath(new URL('../fixtures/hid/', import.meta.url));
const POS_DEVICE_LINE = { vendorId: 0x0c2e, productId: 0, usagePage: 0x8c, usage: 0x02 };

let dir: string;
let service: ScannerService | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-scanner-'));
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function collect(target: ScannerService): {
  scans: ScanEvent[];
  errors: ScanError[];
  statuses: ScannerStatus[];
} {
  const seen = { scans: [] as ScanEvent[], errors: [] as ScanError[], statuses: [] as ScannerStatus[] };
  target.on('scan', (event) => seen.scans.push(event));
  target.on('error', (error) => seen.errors.push(error));
  target.on('status', (status) => seen.statuses.push(status));
  return seen;
}

async function replayThrough(target: ScannerService, file: string, startAt: number): Promise<ScanEvent[]> {
  const direct = ReplaySource.fromFile(fixtures + file, { startAt });
  const events: ScanEvent[] = [];
  direct.on('scan', (event) => events.push(event));
  await direct.start();
  await direct.finished();
  const replay = ReplaySource.fromFile(fixtures + file, { startAt });
  const detach = target.addSource(replay);
  await replay.start();
  await replay.finished();
  detach();
  return events;
}

describe('ScannerService', () => {
  it('emits the ScanEvents of a replay, the same as the replay itself, in recorded time order', async () => {
    service = new ScannerService();
    const seen = collect(service);
    const expected = [
      ...(await replayThrough(service, 'hid-pos-ean13.jsonl', 10_000)),
      ...(await replayThrough(service, 'hid-kbd-p101-enter.jsonl', 20_000)),
    ];
    expect(seen.scans).toEqual(expected);
    expect(seen.scans.map((scan) => [scan.code, scan.at])).toEqual([
      ['5901234123457', 10_000],
      ['96385074', 10_802],
      ['P-101', 20_040],
      ['P-102', 20_888],
    ]);
    const recording = readRecordingFile(fixtures + 'hid-pos-ean13.jsonl');
    expect(seen.scans[1]?.at).toBe(10_000 + (recording.reports[1]?.t ?? NaN));
    expect(seen.errors).toEqual([]);
  });

  it('reports a recording that ends in the middle of a scan as incomplete, after the scans before it', async () => {
    const reports = [...posScan(']E0', '5901234123457'), ...posScan(']C0', 'L'.repeat(80)).slice(0, 1)];
    const replay = new ReplaySource(
      { device: POS_DEVICE_LINE, reports: reports.map((data, i) => ({ t: i * 10, data })) },
      { startAt: 0 },
    );
    service = new ScannerService();
    const seen = collect(service);
    service.addSource(replay);
    await replay.start();
    await replay.finished();
    expect(seen.scans.map((scan) => scan.code)).toEqual(['5901234123457']);
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'incomplete', source: 'replay', at: 10 })]);
  });

  it('replays in real time when asked: the recorded pause passes between the scans', async () => {
    const reports = [...posScan(']E0', '5901234123457'), ...posScan(']E0', '96385074')];
    const replay = new ReplaySource(
      { device: POS_DEVICE_LINE, reports: reports.map((data, i) => ({ t: i * 150, data })) },
      { startAt: 0, realtime: true },
    );
    const arrivals: number[] = [];
    replay.on('scan', () => arrivals.push(performance.now()));
    await replay.start();
    await replay.finished();
    expect(arrivals).toHaveLength(2);
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(120);
  });

  it('starts with no scanner chosen: the wedge only', async () => {
    service = new ScannerService({ stationDir: dir });
    await service.start();
    expect(service.status()).toEqual(NO_SCANNER_STATUS);
    expect(service.currentSettings().deviceId).toBeNull();
  });

  it('remembers the chosen scanner in scanner.json and opens it again on the next start', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [POS_SCANNER];
    const created: string[] = [];
    const createDeviceSource = (deviceId: string): HidDeviceSource => {
      created.push(deviceId);
      return new HidDeviceSource({ deviceId, backend: () => Promise.resolve(hid), platform: 'linux' });
    };
    service = new ScannerService({ stationDir: dir, createDeviceSource });
    await service.start();
    const status = await service.chooseDevice(POS_SCANNER_ID, 'Honeywell Test HID POS scanner');
    expect(status).toMatchObject({ state: 'connected', deviceId: POS_SCANNER_ID });
    expect(JSON.parse(readFileSync(join(dir, SCANNER_FILE), 'utf8'))).toMatchObject({
      format: 1,
      deviceId: POS_SCANNER_ID,
      label: 'Honeywell Test HID POS scanner',
    });
    await service.stop();

    service = new ScannerService({ stationDir: dir, createDeviceSource });
    const seen = collect(service);
    await service.start();
    expect(created).toEqual([POS_SCANNER_ID, POS_SCANNER_ID]);
    expect(service.status().state).toBe('connected');
    for (const report of posScan(']E0', '5901234123457')) hid.last.send(report);
    expect(seen.scans).toEqual([expect.objectContaining({ code: '5901234123457', source: 'hid-pos' })]);

    await service.chooseDevice(null);
    expect(service.status()).toEqual(NO_SCANNER_STATUS);
    expect(readScannerSettings(dir).deviceId).toBeNull();
    expect(hid.last.closed).toBe(true);
  });

  it('refuses a damaged scanner.json with a message that says what to do', async () => {
    writeFileSync(join(dir, SCANNER_FILE), JSON.stringify({ format: 1, deviceId: 42 }));
    service = new ScannerService({ stationDir: dir });
    await expect(service.start()).rejects.toThrow(
      /scanner\.json is not a valid scanner file \(deviceId: .*choose the scanner again/,
    );
  });

  it('merges wedge scans into the stream and refuses bad wedge codes as errors', () => {
    service = new ScannerService({ now: () => 5000 });
    const seen = collect(service);
    expect(service.wedgeScan('P-101')).toEqual({
      code: 'P-101',
      symbology: null,
      aimId: null,
      source: 'wedge',
      deviceId: null,
      at: 5000,
    });
    expect(service.wedgeScan('A\u0007B')).toMatchObject({ code: 'control_character', source: 'wedge' });
    expect(seen.scans.map((scan) => scan.code)).toEqual(['P-101']);
    expect(seen.errors.map((error) => error.code)).toEqual(['control_character']);
  });

  it('drops the same code read by a second reader within the window, but not a repeat from the same reader', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [POS_SCANNER];
    let now = 1_000;
    service = new ScannerService({
      now: () => now,
      duplicateWindowMs: 500,
      createDeviceSource: (deviceId) =>
        new HidDeviceSource({
          deviceId,
          backend: () => Promise.resolve(hid),
          platform: 'linux',
          now: () => now,
        }),
    });
    const seen = collect(service);
    await service.chooseDevice(POS_SCANNER_ID);
    for (const report of posScan(']E0', '5901234123457')) hid.last.send(report);
    now = 1_050;
    service.wedgeScan('5901234123457'); // the same scan, typed into the window too
    now = 1_100;
    for (const report of posScan(']E0', '5901234123457')) hid.last.send(report); // scanned again
    now = 2_000;
    service.wedgeScan('5901234123457'); // long after: a new scan
    expect(seen.scans.map((scan) => [scan.source, scan.at])).toEqual([
      ['hid-pos', 1_000],
      ['hid-pos', 1_100],
      ['wedge', 2_000],
    ]);
  });

  it('passes on the status of the chosen scanner as it changes', async () => {
    const hid = new FakeHidBackend();
    hid.plugged = [POS_SCANNER];
    service = new ScannerService({
      createDeviceSource: (deviceId) =>
        new HidDeviceSource({
          deviceId,
          backend: () => Promise.resolve(hid),
          platform: 'linux',
          retry: { initialMs: 5, maxMs: 10 },
        }),
    });
    const seen = collect(service);
    await service.chooseDevice(POS_SCANNER_ID);
    hid.unplug('/dev/hidraw3');
    await vi.waitFor(() => {
      expect(service?.status().state).toBe('disconnected');
    });
    hid.plugged = [POS_SCANNER];
    await vi.waitFor(() => {
      expect(service?.status().state).toBe('connected');
    });
    expect(seen.statuses.map((status) => status.state)).toEqual(['connected', 'disconnected', 'connected']);
  });
});
