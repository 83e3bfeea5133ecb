// The station API's lookup.code: the resolver (src-main/resolve) answered in the contract's shape.
import type { CacheDb } from '../cache/db.ts';
import type { Gs1Details, LookupResult } from '../../src-preload/contract/lookup.ts';
import type { Gs1Data } from '../resolve/gs1.ts';
import { resolveCode, type ResolveOptions } from '../resolve/resolver.ts';

function gs1Details(data: Gs1Data): Gs1Details {
  return {
    symbology: data.symbology,
    hri: data.hri,
    gtin: data.gtin,
    batch: data.batch,
    serial: data.serial,
    expiry: data.expiry,
    elements: data.elements.map((e) => ({ ai: e.ai, label: e.label, value: e.display })),
  };
}

/** What a scanned or typed code stands for, from the station cache (reader connection). */
export function lookupCode(db: CacheDb, raw: string, options?: ResolveOptions): LookupResult {
  const resolution = resolveCode(db, raw, options);
  return {
    code: resolution.code,
    matches: resolution.matches,
    message: resolution.message,
    suggestions: resolution.suggestions.map((s) => s.code),
    status: resolution.status,
    ...(resolution.gs1 === null ? {} : { gs1: gs1Details(resolution.gs1) }),
  };
}
