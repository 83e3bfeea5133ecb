// GS1 element strings: what GS1-128, GS1 DataMatrix, GS1 QR and GS1 DataBar carry. Accepts the
// string with or without its AIM symbology identifier (]C1, ]d2, ]Q3, ]e0, ...), FNC1 separators
// as ASCII GS (0x1D) or a textual stand-in (<GS>, {GS}, [GS], <FNC1>, ␝), and the human-readable
// form with parenthesised AIs: (01)09506000134352(17)240630(10)AB-123.
// Predefined-length AIs need no separator; a variable-length field ends at FNC1 or the end.
import { fixedLength, gs1Ai, matchAi, maxLength, type Gs1Ai } from './gs1-ais.ts';
import { CSET82, hasValidCheckDigit, impliedDecimal, isHhmm, parseYymmdd } from './gs1-values.ts';

export const GS = '\u001d';

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'too_short'
  | 'too_long'
  | 'bad_check_digit'
  | 'invalid_date'
  | 'bad_characters'
  | 'duplicate_ai';

export interface Gs1Error {
  code: Gs1ErrorCode;
  message: string;
  ai: string | null;
}

export interface Gs1Element {
  ai: string;
  title: string;
  label: string;
  /** The data as encoded. */
  raw: string;
  /** The data as a person reads it: dates as YYYY-MM-DD, measures with their unit. */
  display: string;
}

export interface Gs1Data {
  symbology: string | null;
  elements: Gs1Element[];
  /** GTIN-14 from AI 01 (or 02 when there is no 01). */
  gtin: string | null;
  sscc: string | null;
  batch: string | null;
  serial: string | null;
  /** Expiry (AI 17, or the date of 7003) as YYYY-MM-DD. */
  expiry: string | null;
  /** The element string in human-readable form: (01)...(17)... */
  hri: string;
}

export type Gs1Parse = { ok: true; data: Gs1Data } | { ok: false; error: Gs1Error };

const GS1_SYMBOLOGIES: Record<string, string> = {
  ']C1': 'GS1-128',
  ']d2': 'GS1 DataMatrix',
  ']d5': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
  ']Q4': 'GS1 QR Code',
  ']e0': 'GS1 DataBar',
  ']J1': 'GS1 DotCode',
};

/** FNC1 as scanners and label software write it when they cannot send GS itself. */
const GS_STAND_INS = /<GS>|\{GS\}|\[GS\]|<FNC1>|\{FNC1\}|\u241d/gi;
const HRI = /^\(\d{2,4}\)/;

/** The GS1 symbology named by a leading AIM identifier, if any (]C1 -> 'GS1-128'). */
export function gs1Symbology(input: string): string | null {
  return GS1_SYMBOLOGIES[input.slice(0, 3)] ?? null;
}

/** True when the input says it is GS1: symbology identifier, FNC1 (GS or stand-in), or (AI) form. */
export function looksLikeGs1(input: string): boolean {
  GS_STAND_INS.lastIndex = 0;
  return gs1Symbology(input) !== null || input.includes(GS) || GS_STAND_INS.test(input) || HRI.test(input);
}

function fail(code: Gs1ErrorCode, message: string, ai: string | null = null): Gs1Parse {
  return { ok: false, error: { code, message, ai } };
}

/** Splits the raw element string into [ai, value] pairs. */
function splitRaw(body: string): { pairs: [Gs1Ai, string][] } | { error: Gs1Parse } {
  const pairs: [Gs1Ai, string][] = [];
  let at = 0;
  while (at < body.length) {
    if (body[at] === GS) {
      at += 1; // a separator after a fixed-length field, or a doubled one: harmless
      continue;
    }
    const def = matchAi(body.slice(at, at + 4));
    if (!def) {
      const start = body.slice(at, at + 2);
      const message = /^\d\d$/.test(start)
        ? `No application identifier this station knows starts with "${start}" (position ${at + 1}).`
        : `An application identifier (digits) was expected at position ${at + 1}, not "${start}".`;
      return { error: fail('unknown_ai', message) };
    }
    at += def.ai.length;
    const fixed = fixedLength(def);
    let value: string;
    if (fixed !== null) {
      value = body.slice(at, at + fixed);
      if (value.includes(GS) || value.length < fixed) {
        const got = value.split(GS)[0]?.length ?? 0;
        return {
          error: fail(
            'too_short',
            `(${def.ai}) ${def.label} needs ${fixed} characters; it has ${got}.`,
            def.ai,
          ),
        };
      }
    } else {
      const end = body.indexOf(GS, at);
      value = body.slice(at, end === -1 ? body.length : end);
    }
    at += value.length;
    pairs.push([def, value]);
  }
  return { pairs };
}

/** Splits the parenthesised form into [ai, value] pairs. */
function splitHri(body: string): { pairs: [Gs1Ai, string][] } | { error: Gs1Parse } {
  const pairs: [Gs1Ai, string][] = [];
  const parts = body.split(/\((\d{2,4})\)/);
  // parts: ['', ai, value, ai, value, ...]
  for (let i = 1; i < parts.length; i += 2) {
    const ai = parts[i] ?? '';
    const def = gs1Ai(ai);
    if (!def)
      return { error: fail('unknown_ai', `(${ai}) is not an application identifier this station knows.`) };
    pairs.push([def, (parts[i + 1] ?? '').replaceAll(GS, '').replaceAll(' ', '')]); // spaces are never GS1 data
  }
  return { pairs };
}

/** Checks one value against its AI's format; returns an error or the readable form. */
function checkValue(def: Gs1Ai, value: string, now: Date): { display: string } | { error: Gs1Parse } {
  const name = `(${def.ai}) ${def.label}`;
  if (value.length === 0) return { error: fail('too_short', `${name} is empty.`, def.ai) };
  if (value.length > maxLength(def)) {
    return {
      error: fail(
        'too_long',
        `${name} has ${value.length} characters; at most ${maxLength(def)} are allowed (is a separator missing after it?).`,
        def.ai,
      ),
    };
  }
  let at = 0;
  const pieces: string[] = [];
  for (const c of def.components) {
    const last = c === def.components[def.components.length - 1];
    const length = last ? value.length - at : c.max;
    const piece = value.slice(at, at + length);
    at += piece.length;
    if (piece.length === 0 && c.optional) continue;
    if (piece.length < c.min) {
      return { error: fail('too_short', `${name} is too short (${value.length} characters).`, def.ai) };
    }
    if (c.type === 'N' ? !/^\d+$/.test(piece) : !CSET82.test(piece)) {
      const what = c.type === 'N' ? 'only digits' : 'only letters, digits and GS1 punctuation';
      return { error: fail('bad_characters', `${name} "${value}" may contain ${what}.`, def.ai) };
    }
    if (c.check === 'csum' && !hasValidCheckDigit(piece)) {
      return {
        error: fail(
          'bad_check_digit',
          `${name} ${piece} has a wrong check digit: the label was misread.`,
          def.ai,
        ),
      };
    }
    if (c.check === 'yymmd0' || c.check === 'yymmdd') {
      const date = parseYymmdd(piece, now, c.check === 'yymmd0');
      if (!date)
        return { error: fail('invalid_date', `${name} ${piece} is not a valid date (YYMMDD).`, def.ai) };
      pieces.push(date.endOfMonth ? `${date.iso.slice(0, 7)} (end of month)` : date.iso);
      continue;
    }
    if (c.check === 'hhmm' && !isHhmm(piece)) {
      return { error: fail('invalid_date', `${name} ${piece} is not a valid time (HHMM).`, def.ai) };
    }
    pieces.push(piece);
  }
  return { display: readable(def, pieces) };
}

function readable(def: Gs1Ai, pieces: string[]): string {
  const places = Number(def.ai.slice(-1));
  const [first = '', second = ''] = pieces;
  switch (def.kind) {
    case 'measure':
      return `${impliedDecimal(first, places)} ${def.unit ?? ''}`.trim();
    case 'amount':
      return impliedDecimal(first, places);
    case 'currency-amount':
      return `${impliedDecimal(second, places)} (currency ${first})`;
    case 'datetime':
      return `${first} ${second.slice(0, 2)}:${second.slice(2)}`;
    default:
      return pieces.join(' ');
  }
}

/** Parses a GS1 element string. `now` anchors two-digit years (default: today). */
export function parseGs1(input: string, options: { now?: Date } = {}): Gs1Parse {
  const now = options.now ?? new Date();
  const symbology = gs1Symbology(input);
  let body = symbology ? input.slice(3) : input;
  body = body.replace(GS_STAND_INS, GS);
  while (body.startsWith(GS)) body = body.slice(1); // FNC1 in first position, when transmitted
  while (body.endsWith(GS)) body = body.slice(0, -1);
  if (body === '') return fail('empty', 'The GS1 label has no data after its symbology identifier.');

  const split = HRI.test(body) ? splitHri(body) : splitRaw(body);
  if ('error' in split) return split.error;

  const elements: Gs1Element[] = [];
  const seen = new Map<string, string>();
  for (const [def, value] of split.pairs) {
    const checked = checkValue(def, value, now);
    if ('error' in checked) return checked.error;
    const before = seen.get(def.ai);
    if (before !== undefined) {
      if (before === value) continue;
      return fail('duplicate_ai', `(${def.ai}) ${def.label} appears twice with different values.`, def.ai);
    }
    seen.set(def.ai, value);
    elements.push({ ai: def.ai, title: def.title, label: def.label, raw: value, display: checked.display });
  }
  const raw = (ai: string): string | null => seen.get(ai) ?? null;
  const expiry = elements.find((e) => e.ai === '17') ?? elements.find((e) => e.ai === '7003');
  const expiryDate = expiry ? parseYymmdd(expiry.raw.slice(0, 6), now, true) : null;
  return {
    ok: true,
    data: {
      symbology,
      elements,
      gtin: raw('01') ?? raw('02'),
      sscc: raw('00'),
      batch: raw('10'),
      serial: raw('21'),
      expiry: expiryDate?.iso ?? null,
      hri: elements.map((e) => `(${e.ai})${e.raw}`).join(''),
    },
  };
}
