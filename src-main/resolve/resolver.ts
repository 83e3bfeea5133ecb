// One lookup from a scanned or typed string to what it stands for, from the station's cache: an
// asset (client code, QR token or the QR's web address, manufacturer barcode), a part (SKU,
// barcode, GTIN from a GS1 barcode), a location or bin, a badge, a work order or a gate pass.
// Unknown codes get "did you mean …?", several matches are explained, malformed input is refused
// with a reason. Used by the app (lookup.code), the CLI (amms station resolve) and the benchmark.
import type { CacheDb } from '../cache/db.ts';
import type { LookupKind, LookupMatch, LookupStatus } from '../../src-preload/contract/lookup.ts';
import { assetMatches, assetsByBarcode, findExact, partsByBarcode, type ExactKeys } from './exact-lookups.ts';
import { digitalLinkToHri } from './gs1-digital-link.ts';
import { looksLikeGs1, parseGs1, type Gs1Data, type Gs1ErrorCode, type Gs1Parse } from './gs1.ts';
import { gs1CheckDigit, gtinForms, hasValidCheckDigit } from './gs1-values.ts';
import { findSuggestions, type Suggestion } from './near-misses.ts';
import {
  asUrl,
  cleanInput,
  printable,
  stripPlainSymbology,
  tokenFromUrl,
  type RejectReason,
} from './normalize-code.ts';
import { orList } from './suggest.ts';

export type { Suggestion };

/** How the input was read: a plain code, a QR label's web address, GS1 data, a GS1 Digital Link. */
export type InputForm = 'code' | 'qr-url' | 'gs1' | 'digital-link';

export interface Resolution {
  status: LookupStatus;
  /** What was looked up, readable: the code, the token of a QR URL, or the GS1 data as (AI) text. */
  code: string;
  form: InputForm;
  matches: LookupMatch[];
  gs1: Gs1Data | null;
  suggestions: Suggestion[];
  /** For everything but a single match: what happened and what to do, for the person at the counter. */
  message: string | null;
  /** Why the input was refused (status 'rejected'). */
  rejection: RejectReason | Gs1ErrorCode | null;
}

export interface ResolveOptions {
  /** Today, for GS1 two-digit years and "expired" (default: now). */
  now?: Date;
  /** Look for near misses when nothing matched (default: true). */
  suggest?: boolean;
  maxSuggestions?: number;
}

const NOTHING = 'no asset, part, location, badge, work order or gate pass has this code';

/** AIs whose value may itself be one of our codes (asset ids, internal codes, customer part numbers). */
const CODE_AIS = /^(240|241|414|7023|8003|8004|9\d)$/;

const KIND_WORDS: Record<LookupKind, [string, string]> = {
  asset: ['an asset', 'assets'],
  part: ['a part', 'parts'],
  location: ['a location', 'locations'],
  user: ['a badge', 'badges'],
  work_order: ['a work order', 'work orders'],
  shipment: ['a gate pass', 'gate passes'],
};

function preview(raw: string): string {
  const shown = printable(raw.slice(0, 40)).replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '?');
  return raw.length > 40 ? `${shown}…` : shown;
}

function rejected(
  code: string,
  rejection: RejectReason | Gs1ErrorCode,
  message: string,
  gs1: Gs1Data | null = null,
): Resolution {
  return { status: 'rejected', code, form: 'code', matches: [], gs1, suggestions: [], message, rejection };
}

/** "EX-101 matches an asset (client code) and a part (SKU): pick the one you meant." */
function ambiguity(code: string, matches: LookupMatch[]): string {
  const groups = new Map<LookupKind, { count: number; by: Set<string> }>();
  for (const m of matches) {
    const group = groups.get(m.kind) ?? { count: 0, by: new Set<string>() };
    group.count += 1;
    group.by.add(m.matchedBy);
    groups.set(m.kind, group);
  }
  const parts = [...groups].map(([kind, g]) => {
    const [one, many] = KIND_WORDS[kind];
    return `${g.count === 1 ? one : `${String(g.count)} ${many}`} (${[...g.by].join(', ')})`;
  });
  const list =
    parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
  return `${code} matches ${list}: pick the one you meant.`;
}

function found(code: string, form: InputForm, matches: LookupMatch[], gs1: Gs1Data | null): Resolution {
  const one = matches.length === 1;
  return {
    status: one ? 'matched' : 'ambiguous',
    code,
    form,
    matches,
    gs1,
    suggestions: [],
    message: one ? null : ambiguity(code, matches),
    rejection: null,
  };
}

function keysFor(code: string): ExactKeys {
  return { upper: code.toUpperCase(), raw: code, barcodes: [code, ...(gtinForms(code) ?? [])] };
}

function withSuggestions(message: string, suggestions: Suggestion[]): string {
  if (suggestions.length === 0) return `${message}.`;
  return `${message}; did you mean ${orList(suggestions.map((s) => s.code))}?`;
}

function notFound(db: CacheDb, code: string, form: InputForm, options: ResolveOptions): Resolution {
  const suggestions = options.suggest === false ? [] : findSuggestions(db, code, options.maxSuggestions ?? 5);
  let message = `${code}: ${NOTHING}`;
  if (/^(\d{8}|\d{12,14})$/.test(code) && !hasValidCheckDigit(code)) {
    const expected = gs1CheckDigit(code.slice(0, -1));
    message = `${code}: no part or asset has this barcode, and its check digit should be ${String(expected)}: it was misread or mistyped`;
  } else if (form === 'qr-url') {
    message = `${code}: no asset has this QR token (from the label's web address)`;
  }
  return {
    status: 'not_found',
    code,
    form,
    matches: [],
    gs1: null,
    suggestions,
    message: withSuggestions(message, suggestions),
    rejection: null,
  };
}

function resolvePlain(db: CacheDb, code: string, form: InputForm, options: ResolveOptions): Resolution {
  const matches = findExact(db, keysFor(code));
  if (matches.length > 0) return found(code, form, matches, null);
  // A GS1 element string typed or scanned without its symbology identifier: 01…, 00…, 02….
  if (/^0[0-2]\d{14}/.test(code)) {
    const parsed = parseGs1(code, { now: options.now ?? new Date() });
    if (parsed.ok) return resolveGs1(db, code, parsed, 'gs1', options);
    const result = notFound(db, code, form, options);
    return {
      ...result,
      message: `${result.message ?? ''} Read as GS1 data it is malformed: ${parsed.error.message}`,
    };
  }
  return notFound(db, code, form, options);
}

/** GS1 data shown on every match: batch, serial, dates, quantities (the GTIN is the barcode itself). */
function gs1Details(data: Gs1Data, today: string): LookupMatch['details'] {
  return data.elements
    .filter((e) => !['00', '01', '02'].includes(e.ai))
    .map((e) => {
      const expired = (e.ai === '17' || e.ai === '7003') && data.expiry !== null && data.expiry < today;
      return { label: `${e.label} (GS1 ${e.ai})`, value: expired ? `${e.display} (expired)` : e.display };
    });
}

function gs1NotFound(data: Gs1Data): string {
  const extras = [
    data.batch === null ? null : `batch ${data.batch}`,
    data.serial === null ? null : `serial ${data.serial}`,
    data.expiry === null ? null : `expiry ${data.expiry}`,
  ].filter((x) => x !== null);
  const also = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  if (data.gtin !== null) return `GTIN ${data.gtin}${also}: no part or asset here has this barcode.`;
  if (data.sscc !== null) {
    return `SSCC ${data.sscc} is a pallet or parcel label (a logistic unit); nothing here is recorded under it.`;
  }
  return `${data.hri}: none of its GS1 data identifies a part, asset, location or badge here.`;
}

function resolveGs1(
  db: CacheDb,
  text: string,
  parsed: Gs1Parse,
  form: InputForm,
  options: ResolveOptions,
): Resolution {
  if (!parsed.ok) {
    return rejected(
      preview(text),
      parsed.error.code,
      `That GS1 barcode could not be read: ${parsed.error.message}`,
    );
  }
  const data: Gs1Data = {
    ...parsed.data,
    symbology: parsed.data.symbology ?? (form === 'digital-link' ? 'GS1 Digital Link' : null),
  };
  const matches: LookupMatch[] = [];
  if (data.gtin !== null) {
    const forms = gtinForms(data.gtin) ?? [data.gtin];
    let assets = assetsByBarcode(db, forms);
    let by = 'GTIN (GS1)';
    const serial = data.serial?.toUpperCase();
    const sameSerial = assets.filter((a) => String(a.serial_number ?? '').toUpperCase() === serial);
    if (sameSerial.length > 0) {
      assets = sameSerial;
      by = 'GTIN and serial (GS1)';
    }
    matches.push(...assetMatches(assets, by), ...partsByBarcode(db, forms, 'GTIN (GS1)'));
  }
  for (const e of data.elements) {
    if (!CODE_AIS.test(e.ai)) continue;
    for (const m of findExact(db, keysFor(e.raw)))
      matches.push({ ...m, matchedBy: `${m.matchedBy} (GS1 ${e.ai})` });
  }
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const extra = gs1Details(data, today);
  const unique = new Map<string, LookupMatch>();
  for (const m of matches) {
    const key = `${m.kind}:${m.id}`;
    if (!unique.has(key)) unique.set(key, { ...m, details: [...m.details, ...extra] });
  }
  if (unique.size > 0) return found(data.hri, form, [...unique.values()], data);
  return {
    status: 'not_found',
    code: data.hri,
    form,
    matches: [],
    gs1: data,
    suggestions: [],
    message: gs1NotFound(data),
    rejection: null,
  };
}

/** What `raw` (as scanned or typed) stands for in the station's cache. */
export function resolveCode(db: CacheDb, raw: string, options: ResolveOptions = {}): Resolution {
  const clean = cleanInput(raw);
  if (!clean.ok) return rejected(clean.reason === 'empty' ? '' : preview(raw), clean.reason, clean.message);
  const text = clean.text;
  const now = options.now ?? new Date();
  if (looksLikeGs1(text)) return resolveGs1(db, text, parseGs1(text, { now }), 'gs1', options);
  const plain = stripPlainSymbology(text);
  const url = asUrl(plain);
  if (url === null) return resolvePlain(db, plain, 'code', options);
  const hri = digitalLinkToHri(url);
  if (hri !== null) return resolveGs1(db, plain, parseGs1(hri, { now }), 'digital-link', options);
  const token = tokenFromUrl(url);
  if (token !== null) return resolvePlain(db, token, 'qr-url', options);
  return {
    status: 'not_found',
    code: plain,
    form: 'qr-url',
    matches: [],
    gs1: null,
    suggestions: [],
    message: `That QR code is a web address on ${url.host}, not an AMMS label: it carries no asset token.`,
    rejection: null,
  };
}
