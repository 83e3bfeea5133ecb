// The wedge reader fed with key events as a browser delivers them for a scanner (a burst of keys a
// few milliseconds apart, its own Shift presses in between, Enter or Tab at the end) and for a
// person typing, on US and AZERTY layouts, with Caps Lock on, during IME composition.
import { describe, expect, it } from 'vitest';
import { usCharacter } from './us-keys.ts';
import {
  WedgeReader,
  type TargetKind,
  type WedgeDecision,
  type WedgeKey,
  type WedgeSettings,
} from './wedge-reader.ts';

interface Press {
  key: string;
  code: string;
  shift?: boolean;
  ctrl?: boolean;
  composing?: boolean;
}

/** US-layout key presses for `text`, with the scanner's Shift presses for capitals and symbols. */
function us(text: string): Press[] {
  const presses: Press[] = [];
  for (const char of text) {
    const entry = USCODES.find(([, shift, code]) => usCharacter(code, shift) === char);
    if (!entry) throw new Error(`no US key types ${char}`);
    const [, shift, code] = entry;
    if (shift) presses.push({ key: 'Shift', code: 'ShiftLeft', shift: true });
    presses.push({ key: char, code, shift });
  }
  return presses;
}
const USCODES: [string, boolean, string][] = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').flatMap((l): [string, boolean, string][] => [
    [l.toLowerCase(), false, `Key${l}`],
    [l, true, `Key${l}`],
  ]),
  ...'0123456789'.split('').map((d): [string, boolean, string] => [d, false, `Digit${d}`]),
  ['-', false, 'Minus'],
  ['/', false, 'Slash'],
  ['#', true, 'Digit3'],
  ['%', true, 'Digit5'],
];
const ENTER: Press = { key: 'Enter', code: 'Enter' };
const TAB: Press = { key: 'Tab', code: 'Tab' };

interface FeedOptions {
  start: number;
  gap: number;
  target: TargetKind;
  capsLock: boolean;
}

/** Feeds presses `gap` ms apart starting at `start`; returns every decision. */
function feed(
  reader: WedgeReader,
  presses: Press[],
  { start = 1000, gap = 8, target = 'none', capsLock = false }: Partial<FeedOptions> = {},
): WedgeDecision[] {
  let at = start;
  return presses.map((p) => {
    at += p.key === 'Shift' ? 1 : gap;
    const key: WedgeKey = {
      key: p.key,
      code: p.code,
      timeStamp: at,
      isComposing: p.composing ?? false,
      shiftKey: p.shift ?? false,
      ctrlKey: p.ctrl ?? false,
      capsLock,
      target,
    };
    return reader.feed(key);
  });
}

const scans = (decisions: WedgeDecision[]): string[] =>
  decisions.flatMap((d) => (d.scan ? [d.scan.code] : []));
const consumed = (decisions: WedgeDecision[]): number => decisions.filter((d) => d.consume).length;
const reclaimed = (decisions: WedgeDecision[]): number => decisions.reduce((n, d) => n + d.reclaim, 0);
const reader = (settings: Partial<WedgeSettings> = {}): WedgeReader => new WedgeReader(settings);

describe('a scanner burst versus a person typing', () => {
  it('a fast burst ending in Enter is a scan: keys after the 4th are kept from the page, the first 3 undone', () => {
    const r = reader();
    const decisions = feed(r, [...us('EX-101'), ENTER]);
    expect(scans(decisions)).toEqual(['EX-101']);
    const scan = decisions.at(-1)?.scan;
    expect(scan).toMatchObject({ endedBy: 'Enter', keys: 6, target: 'none' });
    expect(reclaimed(decisions)).toBe(3); // E, X, - reached the page before the run was certain
    expect(consumed(decisions)).toBe(4); // 1, 0, 1 and the Enter
    expect(r.pending).toBe(false);
  });

  it('slow typing (120 ms between keys) is never a scan, and its Enter goes to the page', () => {
    const decisions = feed(reader(), [...us('EX-101'), ENTER], { gap: 120 });
    expect(scans(decisions)).toEqual([]);
    expect(consumed(decisions)).toBe(0);
    expect(reclaimed(decisions)).toBe(0);
  });

  it('a burst while the focus is in another field is taken back out of that field', () => {
    const decisions = feed(reader(), [...us('P-101'), ENTER], { target: 'input' });
    expect(decisions.at(-1)?.scan).toMatchObject({ code: 'P-101', target: 'input' });
    expect(decisions.filter((d) => d.started)).toHaveLength(1);
    expect(reclaimed(decisions)).toBe(3);
  });

  it('a person typing, then a scan: the typing stays, the scan is recognised', () => {
    const r = reader();
    const typed = feed(r, us('ab'), { gap: 150 });
    const scanned = feed(r, [...us('WO-000123'), ENTER], { start: 2000 });
    expect(scans(typed)).toEqual([]);
    expect(reclaimed(typed) + consumed(typed)).toBe(0);
    expect(scans(scanned)).toEqual(['WO-000123']);
    expect(scanned.filter((d) => d.started)).toHaveLength(1);
  });

  it('a person with quick fingers (three keys in a burst, then a pause) is not a scan', () => {
    const r = reader();
    const first = feed(r, us('abc'), { gap: 10 });
    const rest = feed(r, [...us('d'), ENTER], { start: 1200 });
    expect(scans([...first, ...rest])).toEqual([]);
    expect(consumed([...first, ...rest])).toBe(0);
  });

  it('a short code still counts when its Enter suffix arrives in the same burst', () => {
    expect(scans(feed(reader(), [...us('P-1'), ENTER]))).toEqual(['P-1']);
    expect(scans(feed(reader(), [...us('ok'), ENTER]))).toEqual([]);
  });

  it('one stall mid-scan (60 ms) does not split the code: the keys before it are taken back too', () => {
    const r = reader();
    const before = feed(r, us('EX'));
    const after = feed(r, [...us('-101'), ENTER], { start: 1000 + 3 * 8 + 60 });
    expect(scans([...before, ...after])).toEqual(['EX-101']);
    expect(reclaimed([...before, ...after])).toBe(5); // E, X, then -, 1, 0 before the run was certain
    expect([...before, ...after].filter((d) => d.started)).toHaveLength(1);
  });

  it('a person typing at 50 ms a key, bursts of two included, never adds up to a scan', () => {
    const r = reader();
    let start = 1000;
    const decisions: WedgeDecision[] = [];
    for (const pair of ['ex', '-1', '01']) {
      decisions.push(...feed(r, us(pair), { start, gap: 10 }));
      start += 60;
    }
    decisions.push(...feed(r, [ENTER], { start: start + 40 }));
    expect(scans(decisions)).toEqual([]);
    expect(consumed(decisions)).toBe(0);
  });

  it('Backspace or an arrow key during a run means a person is typing', () => {
    const decisions = feed(reader(), [
      ...us('EX'),
      { key: 'Backspace', code: 'Backspace' },
      ...us('1'),
      ENTER,
    ]);
    expect(scans(decisions)).toEqual([]);
  });
});

describe('keyboard layouts, Caps Lock, IME', () => {
  it('AZERTY: the physical keys decode as the US characters the scanner meant', () => {
    // A US-configured scanner sends P-101 as Shift+KeyP, Minus, Digit1, Digit0, Digit1; French
    // Windows turns those into 'P', ')', '&', 'à', '&'.
    const azerty: Press[] = [
      { key: 'Shift', code: 'ShiftLeft', shift: true },
      { key: 'P', code: 'KeyP', shift: true },
      { key: ')', code: 'Minus' },
      { key: '&', code: 'Digit1' },
      { key: 'à', code: 'Digit0' },
      { key: '&', code: 'Digit1' },
      { key: 'q', code: 'KeyA' },
      ENTER,
    ];
    expect(scans(feed(reader(), azerty))).toEqual(['P-101a']);
  });

  it("with layout 'os' the characters are taken as the OS typed them", () => {
    const presses: Press[] = ['A', 'B', 'C', 'D'].map((c) => ({ key: c, code: '' }));
    expect(scans(feed(reader({ layout: 'os' }), [...presses, ENTER]))).toEqual(['ABCD']);
  });

  it("Caps Lock on does not invert the scanned letters (the scanner's Shift decides)", () => {
    // With Caps Lock on, the browser reports 'e' for Shift+E and 'X' for an unshifted x.
    const presses: Press[] = [
      { key: 'Shift', code: 'ShiftLeft', shift: true },
      { key: 'e', code: 'KeyE', shift: true },
      { key: 'Shift', code: 'ShiftLeft', shift: true },
      { key: 'x', code: 'KeyX', shift: true },
      { key: 'M', code: 'KeyM' },
      ...us('-42'),
      ENTER,
    ];
    expect(scans(feed(reader(), presses, { capsLock: true }))).toEqual(['EXm-42']);
  });

  it('IME composition is never read as a scan, however fast', () => {
    const composing: Press[] = Array.from({ length: 8 }, (_, i) => ({
      key: i % 2 ? 'Process' : 'k',
      code: 'KeyK',
      composing: true,
    }));
    const decisions = feed(reader(), [...composing, ENTER]);
    expect(scans(decisions)).toEqual([]);
    expect(consumed(decisions)).toBe(0);
  });

  it('a GS1 separator typed as Ctrl+] becomes GS', () => {
    const gs: Press = { key: ']', code: 'BracketRight', ctrl: true };
    expect(scans(feed(reader(), [...us('10AB'), gs, ...us('21X'), ENTER]))).toEqual(['10AB\u001d21X']);
  });

  it('password fields are left alone', () => {
    expect(scans(feed(reader(), [...us('secret99'), ENTER], { target: 'password' }))).toEqual([]);
  });
});

describe('suffixes and prefixes', () => {
  it('a Tab suffix ends the scan and is kept from the page (focus does not move)', () => {
    const decisions = feed(reader(), [...us('ACME-T0001'), TAB]);
    expect(decisions.at(-1)).toMatchObject({ consume: true, scan: { code: 'ACME-T0001', endedBy: 'Tab' } });
  });

  it('without a suffix the scan ends after a pause, and a late Enter still belongs to it', () => {
    const r = reader();
    const decisions = feed(r, us('GP-ACME-000012'));
    expect(scans(decisions)).toEqual([]);
    const last = 1000 + 8 * 15;
    expect(r.pause(last + 10)).toBeNull(); // still within the burst
    expect(r.pause(last + 100)).toMatchObject({ code: 'GP-ACME-000012', endedBy: 'pause' });
    expect(
      r.feed({
        key: 'Enter',
        code: 'Enter',
        timeStamp: last + 150,
        isComposing: false,
        shiftKey: false,
        target: 'none',
      }).consume,
    ).toBe(true);
    expect(
      r.feed({
        key: 'Enter',
        code: 'Enter',
        timeStamp: last + 900,
        isComposing: false,
        shiftKey: false,
        target: 'none',
      }).consume,
    ).toBe(false);
  });

  it('a configured prefix is stripped and makes even a short code certain at once', () => {
    const r = reader({ prefix: '##' });
    const decisions = feed(r, [...us('##P1'), ENTER]);
    expect(scans(decisions)).toEqual(['P1']);
    expect(reclaimed(decisions)).toBe(2);
  });

  it('requirePrefix: a fast run without the prefix is not a scan', () => {
    expect(scans(feed(reader({ prefix: '##', requirePrefix: true }), [...us('EX-101'), ENTER]))).toEqual([]);
    expect(scans(feed(reader({ prefix: '##', requirePrefix: true }), [...us('##EX-101'), ENTER]))).toEqual([
      'EX-101',
    ]);
  });

  it('a configured suffix string ends the scan, and the Enter after it is swallowed', () => {
    const r = reader({ suffix: '%%' });
    const decisions = feed(r, [...us('EX-101%%'), ENTER]);
    expect(scans(decisions)).toEqual(['EX-101']);
    expect(decisions.at(-2)?.scan?.endedBy).toBe('suffix');
    expect(decisions.at(-1)?.consume).toBe(true);
  });

  it('two scans back to back are two scans', () => {
    const r = reader();
    expect(scans(feed(r, [...us('EX-101'), ENTER, ...us('P-101'), ENTER]))).toEqual(['EX-101', 'P-101']);
  });
});
