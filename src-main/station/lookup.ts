// Finds what a scanned or typed code stands for, from the station cache: an asset (client code,
// QR token or the QR's URL, manufacturer barcode), a part (SKU, barcode), a location (code), a
// user (badge), a work order (code) or a shipment (gate pass). Indexed exact lookups only.
import type Database from 'better-sqlite3';
import type { LookupMatch, LookupResult } from '../../src-preload/contract/lookup.ts';

const MAX_CODE_LENGTH = 512;

/** Trims, removes control characters, and takes the token out of a QR URL (…/a/<token>). */
export function normalizeCode(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const url = /^https?:\/\/[^/\s]+\/(?:.*\/)?([A-Za-z0-9_-]{16,64})\/?(?:[?#].*)?$/.exec(cleaned);
  return url?.[1] ?? cleaned;
}

interface Row {
  [key: string]: string | number | null;
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function lookupCode(db: Database.Database, raw: string): LookupResult {
  const code = normalizeCode(raw);
  if (code === '') return { code, matches: [], message: 'Scan or type a code.' };
  if (code.length > MAX_CODE_LENGTH) {
    return {
      code: code.slice(0, 40),
      matches: [],
      message: 'That code is too long to be a label; scan it again.',
    };
  }
  const upper = code.toUpperCase();
  const matches: LookupMatch[] = [];

  const assets = db
    .prepare(
      `SELECT a.id, a.name, a.category, a.make, a.model, a.serial_number, a.status, l.name AS location,
              i.client_code, i.qr_token, i.barcode_manufacturer,
              CASE WHEN i.client_code = @upper THEN 'client code'
                   WHEN i.qr_token = @code THEN 'QR token'
                   ELSE 'manufacturer barcode' END AS matched_by
         FROM asset_identities i
         JOIN assets a ON a.id = i.asset_id
         LEFT JOIN locations l ON l.id = a.location_id
        WHERE i.client_code = @upper OR i.qr_token = @code OR i.barcode_manufacturer = @code`,
    )
    .all({ upper, code }) as Row[];
  for (const a of assets) {
    matches.push({
      kind: 'asset',
      id: text(a.id),
      title: text(a.name),
      subtitle: [a.client_code, a.category, a.location].filter(Boolean).join(' · '),
      matchedBy: text(a.matched_by),
      details: [
        { label: 'Client code', value: text(a.client_code) },
        { label: 'Make / model', value: [a.make, a.model].filter(Boolean).join(' ') },
        { label: 'Serial number', value: text(a.serial_number) },
        { label: 'Status', value: text(a.status).replace(/_/g, ' ') },
        { label: 'Location', value: text(a.location) },
      ].filter((d) => d.value !== ''),
    });
  }

  const parts = db
    .prepare(
      `SELECT p.id, p.sku, p.name, p.category, p.unit, p.barcode,
              (SELECT coalesce(sum(s.qty_on_hand), 0) FROM inventory_stock s WHERE s.part_id = p.id) AS on_hand,
              CASE WHEN p.sku = @upper THEN 'SKU' ELSE 'barcode' END AS matched_by
         FROM parts p WHERE p.sku = @upper OR p.barcode = @code`,
    )
    .all({ upper, code }) as Row[];
  for (const p of parts) {
    matches.push({
      kind: 'part',
      id: text(p.id),
      title: text(p.name),
      subtitle: [p.sku, p.category].filter(Boolean).join(' · '),
      matchedBy: text(p.matched_by),
      details: [
        { label: 'SKU', value: text(p.sku) },
        { label: 'On hand at this site', value: `${text(p.on_hand)} ${text(p.unit)}` },
        { label: 'Barcode', value: text(p.barcode) },
      ].filter((d) => d.value !== ''),
    });
  }

  const simple: { kind: LookupMatch['kind']; sql: string; by: string }[] = [
    {
      kind: 'location',
      by: 'location code',
      sql: `SELECT id, name AS title, code || ' · ' || type AS subtitle FROM locations WHERE code = @upper`,
    },
    {
      kind: 'user',
      by: 'badge',
      sql: `SELECT id, full_name AS title, role AS subtitle FROM users WHERE badge_code = @upper`,
    },
    {
      kind: 'work_order',
      by: 'work order code',
      sql: `SELECT id, title, code || ' · ' || status AS subtitle FROM work_orders WHERE code = @upper`,
    },
    {
      kind: 'shipment',
      by: 'gate pass',
      sql: `SELECT id, gate_pass_ref AS title, coalesce(driver_name, '') || ' · ' || status AS subtitle FROM shipments WHERE gate_pass_ref = @upper`,
    },
  ];
  for (const q of simple) {
    for (const row of db.prepare(q.sql).all({ upper }) as Row[]) {
      matches.push({
        kind: q.kind,
        id: text(row.id),
        title: text(row.title),
        subtitle: text(row.subtitle),
        matchedBy: q.by,
        details: [],
      });
    }
  }

  return {
    code,
    matches,
    message:
      matches.length === 0
        ? `${code}: no asset, part, location, badge, work order or gate pass has this code.`
        : null,
  };
}
