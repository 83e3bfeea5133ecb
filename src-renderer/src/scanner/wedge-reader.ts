// Keyboard-wedge scanners type what they read. This state machine, fed with key events, tells a
// scanner's burst from a person typing: a scan is a run of keys at most `maxGapMs` apart that
// reaches `minLength` keys (or starts with the configured prefix), ended by Enter/Tab, the configured
// suffix or a pause. It decodes the physical key through the US layout the scanners emit (so AZERTY
// or Caps Lock cannot change a scanned character), ignores IME composition, and reports which
// keystrokes belong to a scan so that none is left in whatever field had the focus.
// Pure and DOM-free: use-wedge-scanner.ts attaches it to the window.
import { usCharacter } from './us-keys.ts';

/** Where the key would land: a text field, a password field, nothing focused, something else. */
export type TargetKind = 'input' | 'password' | 'none' | 'other';

/** The parts of a KeyboardEvent the reader needs. */
export interface WedgeKey {
  key: string;
  /** Physical key, e.g. 'Digit1', 'KeyQ'. */
  code: string;
  /** Milliseconds (KeyboardEvent.timeStamp). */
  timeStamp: number;
  isComposing: boolean;
  shiftKey: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** getModifierState('CapsLock'); decoding does not depend on it. */
  capsLock?: boolean;
  target: TargetKind;
}

export interface WedgeSettings {
  /** Longest gap between two keys of one scan (scanners: 1-15 ms; people: 80 ms and more). */
  maxGapMs: number;
  /** Keys a fast run needs before it counts as a scan. */
  minLength: number;
  /** Quiet time after which a scan without Enter/Tab suffix is complete. */
  endGapMs: number;
  /** What the scanners are configured to send before each code (stripped), or ''. */
  prefix: string;
  /** What the scanners send after each code (stripped), or ''; Enter and Tab always end a scan. */
  suffix: string;
  /** Only runs that start with `prefix` are scans. */
  requirePrefix: boolean;
  /** 'us': decode the physical key on the US layout (scanner default); 'os': trust event.key. */
  layout: 'us' | 'os';
}

export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = {
  maxGapMs: 30,
  minLength: 4,
  endGapMs: 80,
  prefix: '',
  suffix: '',
  requirePrefix: false,
  layout: 'us',
};

export interface WedgeScan {
  code: string;
  keys: number;
  durationMs: number;
  endedBy: 'Enter' | 'Tab' | 'suffix' | 'pause' | 'key';
  /** Where the focus was when the scan began. */
  target: TargetKind;
}

export interface WedgeDecision {
  /** The key is part of a scan: prevent its default action and stop it reaching the page. */
  consume: boolean;
  /** The key began a new run: what it types may have to be undone (snapshot the field). */
  started: boolean;
  /** The run just turned out to be a scan: this many earlier keys already reached a field; undo them. */
  reclaim: number;
  /** A scan that just completed, if any. */
  scan: WedgeScan | null;
}

const MODIFIERS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'OS',
]);
const MAX_CODE = 65_536;
/** A single gap up to this many times maxGapMs inside a scan is a stall, not the end (see previous). */
const JITTER = 3;
const GS = '\u001d';

interface Stroke {
  char: string;
  at: number;
}

/**
 * The US character of the key, unless the OS typed the same key's other US character and Caps Lock
 * cannot explain it (a virtual keyboard or a tool that sets the character but not Shift): then the
 * OS's. With Caps Lock on, the scanner's Shift decides (Windows inverts letters, macOS does not).
 */
function agreeing(k: WedgeKey, us: string): string {
  if (k.key === us || k.capsLock === true) return us;
  const other = usCharacter(k.code, !k.shiftKey);
  return k.key === other ? other : us;
}

export class WedgeReader {
  readonly settings: WedgeSettings;
  private run: Stroke[] = [];
  private certain = false;
  private target: TargetKind = 'none';
  /** Until when an Enter/Tab still belongs to the scan that just ended (by pause or suffix). */
  private swallowUntil = -Infinity;
  /**
   * The run before this one, when a gap of at most JITTER x maxGapMs ended it: a scanner (or a busy
   * USB hub) can stall once mid-code. If this run turns out to be a scan, that run is part of it.
   */
  private previous: { run: Stroke[]; target: TargetKind } | null = null;

  constructor(settings: Partial<WedgeSettings> = {}) {
    this.settings = { ...DEFAULT_WEDGE_SETTINGS, ...settings };
  }

  /** A run is in progress (keys that may still turn out to be a scan). */
  get pending(): boolean {
    return this.run.length > 0;
  }

  /** The character a key types for the scanner, or null (not a character key). */
  decode(k: WedgeKey): string | null {
    if (k.ctrlKey && k.code === 'BracketRight') return GS; // scanners type GS as Ctrl+]
    if (k.ctrlKey || k.metaKey) return null;
    if (this.settings.layout === 'us' && !k.altKey) {
      const char = usCharacter(k.code, k.shiftKey);
      if (char !== null) return agreeing(k, char);
    }
    return k.key.length === 1 || (k.key.length === 2 && k.key.codePointAt(0) !== k.key.charCodeAt(0))
      ? k.key
      : null;
  }

  feed(k: WedgeKey): WedgeDecision {
    const pass: WedgeDecision = { consume: false, started: false, reclaim: 0, scan: null };
    if (MODIFIERS.has(k.key)) return pass; // the scanner's own Shift presses come between its keys
    if (k.isComposing || k.key === 'Process' || k.key === 'Dead' || k.target === 'password') {
      this.reset(); // a person composing or typing a password: never a scan
      return pass;
    }
    // A gap longer than a scanner's ends the run: a certain scan is complete, anything else was typing.
    let ended: WedgeScan | null = null;
    const last = this.run.at(-1);
    const gap = last ? k.timeStamp - last.at : Infinity;
    if (last && gap > this.settings.maxGapMs) {
      const stalled = !this.certain && gap <= JITTER * this.settings.maxGapMs;
      const before = { run: this.run, target: this.target };
      ended = this.end('pause', k.timeStamp);
      this.previous = stalled ? before : null;
    }

    if ((k.key === 'Enter' || k.key === 'Tab') && !k.ctrlKey && !k.altKey && !k.metaKey) {
      // The suffix is part of the burst: it counts toward the length (a 3-character code + Enter).
      if (this.run.length > 0 && (this.certain || this.qualifies(1))) {
        const reclaim = this.certain ? 0 : this.run.length + this.becomeCertain();
        return { consume: true, started: false, reclaim, scan: this.end(k.key, k.timeStamp) };
      }
      const late = k.timeStamp <= this.swallowUntil;
      this.reset();
      return { ...pass, consume: late, scan: ended };
    }

    const char = this.decode(k);
    if (char === null) {
      // Backspace, arrows, shortcuts: a person. A scan in progress ends here.
      const scan = ended ?? (this.certain ? this.end('key', k.timeStamp) : null);
      this.reset();
      return { ...pass, scan };
    }
    const started = this.run.length === 0 && this.previous === null;
    if (this.run.length === 0) this.target = k.target;
    if (this.run.length < MAX_CODE) this.run.push({ char, at: k.timeStamp });
    else this.run[MAX_CODE - 1] = { char: this.run[MAX_CODE - 1]?.char ?? char, at: k.timeStamp }; // runaway

    let reclaim = 0;
    if (!this.certain && this.qualifies()) reclaim = this.run.length - 1 + this.becomeCertain();
    const decision: WedgeDecision = { consume: this.certain, started, reclaim, scan: ended };
    if (this.certain && this.settings.suffix !== '' && this.text().endsWith(this.settings.suffix)) {
      decision.scan = this.end('suffix', k.timeStamp);
    }
    return decision;
  }

  /** Call when no key came for `endGapMs`: completes a scan that had no Enter/Tab suffix. */
  pause(now: number): WedgeScan | null {
    const last = this.run.at(-1);
    if (!last || now - last.at <= this.settings.maxGapMs) return null;
    this.previous = null;
    return this.end('pause', now);
  }

  /** Forgets the run in progress (a person is typing). */
  reset(): void {
    this.clear();
    this.previous = null;
  }

  private clear(): void {
    this.run = [];
    this.certain = false;
  }

  /** Marks the run a scan, taking in a stalled run just before it; returns how many keys that added. */
  private becomeCertain(): number {
    this.certain = true;
    const previous = this.previous;
    this.previous = null;
    if (!previous) return 0;
    this.run = [...previous.run, ...this.run];
    this.target = previous.target;
    return previous.run.length;
  }

  private text(): string {
    return this.run.map((s) => s.char).join('');
  }

  /** Is the run so far a scan? Fast (every gap checked on arrival) and long enough, or prefixed. */
  private qualifies(extraKeys = 0): boolean {
    const { prefix, requirePrefix, minLength } = this.settings;
    if (prefix !== '' && this.text().startsWith(prefix) && this.run.length > prefix.length) return true;
    return !requirePrefix && this.run.length + extraKeys >= minLength;
  }

  /** Completes the run at `now`: a scan if it was certain, else nothing (it was typing). */
  private end(endedBy: WedgeScan['endedBy'], now: number): WedgeScan | null {
    const run = this.run;
    const certain = this.certain;
    this.clear();
    const first = run[0];
    const last = run.at(-1);
    if (!certain || !first || !last) return null;
    let code = run.map((s) => s.char).join('');
    const { prefix, suffix } = this.settings;
    if (prefix !== '' && code.startsWith(prefix)) code = code.slice(prefix.length);
    if (suffix !== '' && code.endsWith(suffix)) code = code.slice(0, -suffix.length);
    if (endedBy !== 'Enter' && endedBy !== 'Tab') this.swallowUntil = now + this.settings.endGapMs;
    return { code, keys: run.length, durationMs: last.at - first.at, endedBy, target: this.target };
  }
}
