// Seeded pseudo-random numbers for the demo data. sfc32 (a small, fast, well-tested generator),
// seeded through a 32-bit hash of (seed, stream label, index). Every generator draws from its own
// named stream, so adding a draw in one place never shifts the data of another, and the big tables
// jump straight to item i of a stream (random access) instead of keeping a million rows in memory.

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection on 32-bit integers. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units, finalised with mix32. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Combines 32-bit values into one hash (order matters). */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = mix32(h ^ mix32(value + 0x7f4a7c15));
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return mix32(h);
}

/** The low and high 32 bits of a safe non-negative integer seed. */
function seedWords(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / 0x1_0000_0000) >>> 0];
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.a = s0 >>> 0;
    this.b = s1 >>> 0;
    this.c = s2 >>> 0;
    this.d = s3 >>> 0 || 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** The next 32-bit unsigned integer (sfc32). */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** A float in [min, max) rounded to the given number of decimals. */
  decimal(min: number, max: number, decimals: number): number {
    const f = 10 ** decimals;
    return Math.round(this.float(min, max) * f) / f;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('Rng.weighted: empty list');
    return last[0];
  }

  /** Shuffles a copy of the list (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy;
  }

  /** Up to k distinct items of the list, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffled(items).slice(0, Math.max(0, k));
  }

  /** A URL-safe token of `length` characters (6 random bits each). */
  token(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += BASE64URL.charAt(this.u32() >>> 26);
    return out;
  }

  /** `length` decimal digits. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** `length` characters from the alphabet. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)] ?? '';
    return out;
  }
}

/** The generator for item `index` of the stream `label` under `seed`. */
export function rngFor(seed: number, label: string, index = 0): Rng {
  const [lo, hi] = seedWords(seed);
  const l = hashString(label);
  const i = index >>> 0;
  const j = Math.floor(index / 0x1_0000_0000) >>> 0;
  return new Rng(
    hash32(lo, hi, l, i, j, 1),
    hash32(l, i, lo, 2),
    hash32(i, hi, l, j, 3),
    hash32(lo ^ i, l, 4),
  );
}

// Fixed origin for the time part of generated ids: the same seed gives the same ids on any day.
const ID_EPOCH_MS = Date.UTC(2025, 0, 1);
const HEX: string[] = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return (
    (HEX[value >>> 24] ?? '') +
    (HEX[(value >>> 16) & 0xff] ?? '') +
    (HEX[(value >>> 8) & 0xff] ?? '') +
    (HEX[value & 0xff] ?? '')
  );
}

/**
 * Deterministic UUIDv7-shaped ids: item `index` of stream `label` always gets the same id under
 * the same seed. The 48-bit time field grows with the index (so ids of a table sort in generation
 * order and index inserts append), the remaining 74 bits come from the seeded generator.
 */
export class IdMint {
  constructor(private readonly seed: number) {}

  id(label: string, index: number): string {
    const rng = rngFor(this.seed, `id:${label}`, index);
    const ms = ID_EPOCH_MS + index;
    const high = Math.floor(ms / 0x10000) >>> 0; // top 32 of the 48 time bits
    const low = ms % 0x10000; // bottom 16
    const r1 = rng.u32();
    const r2 = rng.u32();
    const r3 = rng.u32();
    const randA = 0x7000 | (r1 & 0x0fff); // version 7
    const varHi = 0x8000 | ((r1 >>> 12) & 0x3fff); // variant 10
    const h = hex32(high);
    const mid = low.toString(16).padStart(4, '0');
    const ra = randA.toString(16);
    const vh = varHi.toString(16);
    const tail = hex32(r2) + (r3 & 0xffff).toString(16).padStart(4, '0');
    return `${h}-${mid}-${ra}-${vh}-${tail}`;
  }
}
