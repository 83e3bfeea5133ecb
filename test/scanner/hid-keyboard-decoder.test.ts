// The keyboard-mode decoder on boot keyboard reports: key-down edges, held keys, repeated characters,
// rollover, Shift and Caps Lock, terminators, the silence flush and the refusals.
import { describe, expect, it } from 'vitest';
import { HidKeyboardDecoder } from '../../src-main/scanner/hid-keyboard-decoder.ts';
import type { DecodeResult } from '../../src-main/scanner/report-decoder.ts';
import {
  CAPS_LOCK,
  ENTER,
  KEYPAD_ENTER,
  keypadKey,
  keyReport,
  LEFT_ALT,
  LEFT_CTRL,
  LEFT_SHIFT,
  RIGHT_SHIFT,
  TAB,
  tap,
  typeText,
  usKey,
} from './report-builders.ts';

function feed(decoder: HidKeyboardDecoder, reports: Uint8Array[], start = 0, step = 4): DecodeResult[] {
  return reports.flatMap((report, i) => decoder.push(report, start + i * step));
}

function codes(results: DecodeResult[]): string[] {
  return results.map((r) => (r.kind === 'scan' ? r.code : `error:${r.error}`));
}

const key = (char: string): number => usKey(char)[0];

describe('HidKeyboardDecoder', () => {
  it('types shifted letters and ends the scan at Enter', () => {
    const results = feed(new HidKeyboardDecoder(), [...typeText('P-101'), ...tap(ENTER)]);
    expect(results).toEqual([{ kind: 'scan', code: 'P-101', symbology: null, aimId: null, at: 40 }]);
  });

  it('counts a key held across reports once, and two equal characters only with a release between', () => {
    const one = key('1');
    const held = [keyReport(0, [one]), keyReport(0, [one]), keyReport(0, [one]), keyReport(0), ...tap(ENTER)];
    expect(codes(feed(new HidKeyboardDecoder(), held))).toEqual(['1']);
    const twice = [keyReport(0, [one]), keyReport(0), keyReport(0, [one]), keyReport(0), ...tap(ENTER)];
    expect(codes(feed(new HidKeyboardDecoder(), twice))).toEqual(['11']);
  });

  it('takes rolled-over keys in report order, each once', () => {
    const [a, b, c] = [key('a'), key('b'), key('c')];
    const reports = [
      keyReport(0, [a]),
      keyReport(0, [a, b]),
      keyReport(0, [b, c]),
      keyReport(0, [c]),
      keyReport(0),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['abc']);
    const together = [keyReport(0, [a, b, c]), keyReport(0), ...tap(ENTER)];
    expect(codes(feed(new HidKeyboardDecoder(), together))).toEqual(['abc']);
  });

  it('applies Shift (left or right) as it is when each key goes down, on and off within a code', () => {
    const [a, b, two] = [key('a'), key('b'), key('2')];
    const reports = [
      keyReport(LEFT_SHIFT, [a]),
      keyReport(0, [a]), // shift released while 'a' is held: nothing new
      keyReport(0, [b]),
      keyReport(RIGHT_SHIFT, [b, two]),
      keyReport(0),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['Ab@']);
  });

  it('toggles Caps Lock for letters only, and Shift inverts it', () => {
    const reports = [
      ...tap(CAPS_LOCK),
      ...typeText('ab1'),
      keyReport(LEFT_SHIFT, [key('c')]),
      keyReport(0),
      ...tap(CAPS_LOCK),
      ...typeText('d'),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['AB1cd']);
  });

  it('ends scans at Tab and keypad Enter, and reads keypad digits', () => {
    const digits = Array.from('0123456789').flatMap((d) => [keyReport(0, [keypadKey(d)]), keyReport(0)]);
    expect(
      codes(feed(new HidKeyboardDecoder(), [...digits, ...tap(KEYPAD_ENTER), ...typeText('X'), ...tap(TAB)])),
    ).toEqual(['0123456789', 'X']);
  });

  it('ignores a terminator with nothing typed', () => {
    expect(feed(new HidKeyboardDecoder(), [...tap(ENTER), ...tap(TAB)])).toEqual([]);
  });

  it('reads 9-byte reports with a report ID and skips reports of other IDs', () => {
    const reports = [...typeText('AB', LEFT_SHIFT, 1), keyReport(0, [key('c')], 3), ...tap(ENTER, 1)];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['AB']);
  });

  it('turns Ctrl+] and Alt + keypad 0029 into GS', () => {
    const ctrl = [
      ...typeText('10A'),
      keyReport(LEFT_CTRL, [0x30]),
      keyReport(0),
      ...typeText('21B'),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), ctrl))).toEqual(['10A\u001d21B']);
    const alt = [
      ...typeText('10A'),
      keyReport(LEFT_ALT),
      ...Array.from('0029').flatMap((d) => [keyReport(LEFT_ALT, [keypadKey(d)]), keyReport(LEFT_ALT)]),
      keyReport(0),
      ...typeText('21B'),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), alt))).toEqual(['10A\u001d21B']);
  });

  it('skips phantom-state reports (ErrorRollOver) without losing the held keys', () => {
    const a = key('a');
    const reports = [
      keyReport(0, [a]),
      keyReport(0, [1, 1, 1, 1, 1, 1]),
      keyReport(0, [a]),
      keyReport(0),
      ...tap(ENTER),
    ];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['a']);
  });

  it('flushes a scan without terminator after idleMs of silence, at the time of its last key', () => {
    const decoder = new HidKeyboardDecoder({ idleMs: 100 });
    expect(feed(decoder, typeText('AB'))).toEqual([]);
    expect(decoder.hasPending()).toBe(true);
    const next = decoder.push(keyReport(0, [key('c')]), 500);
    expect(next).toEqual([{ kind: 'scan', code: 'AB', symbology: null, aimId: null, at: 12 }]);
    expect(decoder.flush()).toEqual([{ kind: 'scan', code: 'c', symbology: null, aimId: null, at: 500 }]);
  });

  it('refuses a keyboard burst over 4096 characters once, then reads the next scan', () => {
    const decoder = new HidKeyboardDecoder();
    const x = key('x');
    const burst = Array.from({ length: 4100 }, () => [keyReport(0, [x]), keyReport(0)]).flat();
    expect(codes(feed(decoder, [...burst, ...tap(ENTER)], 0, 0))).toEqual(['error:too_long']);
    expect(codes(feed(decoder, [...typeText('OK'), ...tap(ENTER)], 100))).toEqual(['OK']);
  });

  it('refuses Ctrl combinations that give other control characters', () => {
    const reports = [...typeText('AB'), keyReport(LEFT_CTRL, [key('d')]), keyReport(0), ...tap(ENTER)];
    expect(codes(feed(new HidKeyboardDecoder(), reports))).toEqual(['error:control_character']);
  });
});
