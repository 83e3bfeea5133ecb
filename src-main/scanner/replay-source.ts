// A scan source that plays a recording back through the same decoders the live reader uses, chosen by
// the recorded device's usage page: the test double for the scanner (CONVENTIONS.md #6) and the
// engine of `amms scanner replay`. Reports are fed with their recorded timing (realtime) or as fast
// as possible; either way each event's time is start + the recorded offset, so the order and gaps
// of a replay are the recording's, and keyboard-mode silence flushes happen at the recorded gaps.
import { EventEmitter } from 'node:events';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { deviceIdOf } from './hid-devices.ts';
import { readRecordingFile, type Recording } from './recording.ts';
import { createDecoder } from './decoder-for.ts';
import type { ReaderKind, ReportDecoder } from './report-decoder.ts';
import type { ScannerStatus } from './scan-event.ts';
import { emitDecoded, type ScannerSource, type ScannerSourceEvents } from './scanner-source.ts';

export interface ReplayOptions {
  /** Wait the recorded time between reports (default: as fast as possible). */
  realtime?: boolean;
  /** The time that recorded offset 0 stands for (default: when start() is called). */
  startAt?: number;
  /** The device id put on the events (default: the recorded device's stable id). */
  deviceId?: string | null;
  keyboardIdleMs?: number;
  /** Names the recording in status messages. */
  name?: string;
}

export class ReplaySource extends EventEmitter<ScannerSourceEvents> implements ScannerSource {
  readonly source = 'replay' as const;
  readonly deviceId: string | null;
  /** Which decoder the recording goes through. */
  readonly reader: ReaderKind;
  private readonly decoder: ReportDecoder;
  private readonly recording: Recording;
  private readonly options: ReplayOptions;
  private current: ScannerStatus;
  private running = false;
  private done: Promise<void> = Promise.resolve();

  /** Throws (before anything is fed) when the recorded device is neither HID POS nor a keyboard. */
  constructor(recording: Recording, options: ReplayOptions = {}) {
    super();
    this.recording = recording;
    this.options = options;
    this.decoder = createDecoder(
      recording.device,
      options.keyboardIdleMs === undefined ? {} : { keyboardIdleMs: options.keyboardIdleMs },
    );
    this.reader = this.decoder.reader;
    this.deviceId = options.deviceId === undefined ? deviceIdOf(recording.device) : options.deviceId;
    this.current = { state: 'disconnected', message: 'The replay has not started.', deviceId: this.deviceId };
  }

  static fromFile(path: string, options: ReplayOptions = {}): ReplaySource {
    return new ReplaySource(readRecordingFile(path), { name: path, ...options });
  }

  status(): ScannerStatus {
    return this.current;
  }

  /** Starts feeding reports; resolves at once. finished() resolves when the recording is played out. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    const startAt = this.options.startAt ?? Date.now();
    const what = this.options.name ?? 'a recording';
    this.setStatus({
      state: 'connected',
      message: `Replaying ${this.recording.reports.length} reports from ${what}.`,
      deviceId: this.deviceId,
    });
    this.done = this.play(startAt);
    return Promise.resolve();
  }

  finished(): Promise<void> {
    return this.done;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async play(startAt: number): Promise<void> {
    const began = performance.now();
    const timeOf = (t: number): number => startAt + t;
    for (const report of this.recording.reports) {
      if (!this.running) break;
      if (this.options.realtime) {
        const wait = report.t - (performance.now() - began);
        if (wait > 0) await sleep(wait);
      } else {
        await nextTurn();
      }
      if (!this.isRunning()) break; // stop() may have run during the wait
      emitDecoded(this, this.decoder.push(report.data, report.t), this.source, this.deviceId, timeOf);
    }
    if (this.isRunning()) emitDecoded(this, this.decoder.flush(), this.source, this.deviceId, timeOf);
    this.running = false;
    this.setStatus({ state: 'disconnected', message: 'The replay is finished.', deviceId: this.deviceId });
  }

  private isRunning(): boolean {
    return this.running;
  }

  private setStatus(status: ScannerStatus): void {
    this.current = status;
    this.emit('status', status);
  }
}
