// Exact lookups of one code in every kind of thing a label can stand for, through the indexes on
// the code columns (db/schema/sqlite: asset_identities client_code/qr_token/barcode_manufacturer,
// parts sku/barcode, locations code, inventory_stock (location_id, bin_location), users badge_code,
// work_orders code, shipments gate_pass_ref). Statements are prepared once per connection.
import type { CacheDb, CacheStatement } from '../cache/db.ts';
import type { LookupMatch } from '../../src-preload/contract/lookup.ts';

type Value = string | number | null;
type Row = Record<string, Value>;

const ASSET_COLUMNS = `a.id, a.name, a.category, a.make, a.model, a.serial_number, a.status,
       l.name AS location, i.client_code
  FROM asset_identities i
  JOIN assets a ON a.id = i.asset_id
  LEFT JOIN locations l ON l.id = a.location_id`;

const PART_COLUMNS = `p.id, p.sku, p.name, p.category, p.unit, p.barcode, p.is_active,
       (SELECT total(s.qty_on_hand) FROM inventory_stock s WHERE s.part_id = p.id) AS on_hand
  FROM parts p`;

const BINS = `SELECT l.id, l.code, l.name, count(*) AS lines, s.bin_location
  FROM locations l
  CROSS JOIN inventory_stock s ON s.location_id = l.id AND s.bin_location IN (@upper, @raw)`;

/**
 * Every exact lookup (exported for the query-plan test). One statement per family, the branches
 * joined with UNION ALL, so that a lookup costs four statement runs, not eleven. Parameters:
 * @upper and @raw (the code upper-cased and as it arrived), @b1..@b5 (barcode forms, NULL-padded).
 */
export const LOOKUP_SQL = {
  assets: `SELECT 'QR token' AS matched_by, ${ASSET_COLUMNS} WHERE i.qr_token = @raw
    UNION ALL SELECT 'client code', ${ASSET_COLUMNS} WHERE i.client_code IN (@upper, @raw)
    UNION ALL SELECT 'manufacturer barcode', ${ASSET_COLUMNS}
     WHERE i.barcode_manufacturer IN (@b1, @b2, @b3, @b4, @b5)`,
  assetsByBarcode: `SELECT ${ASSET_COLUMNS} WHERE i.barcode_manufacturer IN (@b1, @b2, @b3, @b4, @b5)`,
  parts: `SELECT 'SKU' AS matched_by, ${PART_COLUMNS} WHERE p.sku IN (@upper, @raw)
    UNION ALL SELECT 'barcode', ${PART_COLUMNS} WHERE p.barcode IN (@b1, @b2, @b3, @b4, @b5)`,
  partsByBarcode: `SELECT ${PART_COLUMNS} WHERE p.barcode IN (@b1, @b2, @b3, @b4, @b5)`,
  // kind, id, title, code, info (type, role or status), active, then up to four kind-specific values.
  others: `SELECT 'location' AS kind, id, name AS title, code, type AS info, is_active AS active,
           NULL AS a, NULL AS b, NULL AS c, NULL AS d
      FROM locations WHERE code IN (@upper, @raw)
    UNION ALL SELECT 'user', id, full_name, badge_code, role, is_active, email, NULL, NULL, NULL
      FROM users WHERE badge_code IN (@upper, @raw)
    UNION ALL SELECT 'work_order', w.id, w.title, w.code, w.status, 1, w.priority, w.due_date, x.name, NULL
      FROM work_orders w LEFT JOIN assets x ON x.id = w.asset_id WHERE w.code IN (@upper, @raw)
    UNION ALL SELECT 'shipment', s.id, s.gate_pass_ref, s.gate_pass_ref, s.status, 1,
           s.driver_name, s.vehicle_reg, o.name, d.name
      FROM shipments s
      LEFT JOIN locations o ON o.id = s.origin_location_id
      LEFT JOIN locations d ON d.id = s.destination_location_id
     WHERE s.gate_pass_ref IN (@upper, @raw)`,
  // A bin label alone: every warehouse holding that bin (a scan of the small locations table and one
  // index seek per warehouse); run only when nothing else matched. WAREHOUSE/BIN: one seek.
  bins: `${BINS} WHERE l.type = 'warehouse' GROUP BY l.id ORDER BY l.code`,
  binIn: `${BINS} WHERE l.code IN (@upperWarehouse, @rawWarehouse) GROUP BY l.id`,
} as const;

type Params = Record<string, string | null>;
type Statements = { [K in keyof typeof LOOKUP_SQL]: CacheStatement<[Params], Row> };

const prepared = new WeakMap<CacheDb, Statements>();

function statements(db: CacheDb): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = Object.fromEntries(
      Object.entries(LOOKUP_SQL).map(([name, sql]) => [name, db.prepare<[Params], Row>(sql)]),
    ) as Statements;
    prepared.set(db, s);
  }
  return s;
}

function text(value: Value | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function words(value: Value | undefined): string {
  return text(value).replace(/_/g, ' ');
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function quantity(value: Value | undefined): string {
  return numbers.format(Number(value ?? 0));
}

function details(pairs: [string, string][]): LookupMatch['details'] {
  return pairs.filter(([, value]) => value !== '').map(([label, value]) => ({ label, value }));
}

function assetMatch(a: Row, matchedBy: string): LookupMatch {
  return {
    kind: 'asset',
    item: {
      kind: 'asset',
      id: text(a.id),
      clientCode: a.client_code === null || a.client_code === undefined ? null : text(a.client_code),
      name: text(a.name),
      status: text(a.status),
    },
    id: text(a.id),
    title: text(a.name),
    subtitle: [a.client_code, a.category, a.location].filter(Boolean).join(' · '),
    matchedBy,
    details: details([
      ['Client code', text(a.client_code)],
      ['Make / model', [a.make, a.model].filter(Boolean).join(' ')],
      ['Serial number', text(a.serial_number)],
      ['Status', words(a.status)],
      ['Location', text(a.location)],
    ]),
  };
}

function partMatch(p: Row, matchedBy: string): LookupMatch {
  return {
    kind: 'part',
    item: { kind: 'part', id: text(p.id), sku: text(p.sku), name: text(p.name), unit: text(p.unit) },
    id: text(p.id),
    title: text(p.name),
    subtitle: [p.sku, p.category].filter(Boolean).join(' · '),
    matchedBy,
    details: details([
      ['SKU', text(p.sku)],
      ['On hand at this site', `${quantity(p.on_hand)} ${text(p.unit)}`],
      ['Barcode', text(p.barcode)],
      ['Status', p.is_active === 0 ? 'inactive' : ''],
    ]),
  };
}

/** @b1..@b5: the barcode forms, NULL-padded (NULL never equals anything). */
function barcodeParams(values: string[]): Params {
  const [b1 = null, b2 = null, b3 = null, b4 = null, b5 = null] = [...new Set(values)];
  return { b1, b2, b3, b4, b5 };
}

export interface ExactKeys {
  /** The code in upper case (human codes are stored upper case) and as it arrived. */
  upper: string;
  raw: string;
  /** Barcode forms to try: the raw code and, for a valid GTIN, its GTIN-14/13/12/8 forms. */
  barcodes: string[];
}

export function assetsByBarcode(db: CacheDb, barcodes: string[]): Row[] {
  return statements(db).assetsByBarcode.all(barcodeParams(barcodes));
}

export function assetMatches(rows: Row[], matchedBy: string): LookupMatch[] {
  return rows.map((row) => assetMatch(row, matchedBy));
}

export function partsByBarcode(db: CacheDb, barcodes: string[], matchedBy: string): LookupMatch[] {
  return statements(db)
    .partsByBarcode.all(barcodeParams(barcodes))
    .map((p) => partMatch(p, matchedBy));
}

/** A bin label, alone ("A-01-03": every warehouse with that bin) or after its warehouse's code. */
export function findBins(db: CacheDb, keys: ExactKeys): LookupMatch[] {
  const s = statements(db);
  const split = /^([^/: ]+)[/: ]+([^/: ]+)$/.exec(keys.raw);
  const [warehouse = '', bin = ''] = split ? [split[1], split[2]] : [];
  const rows = split
    ? s.binIn.all({
        upper: bin.toUpperCase(),
        raw: bin,
        upperWarehouse: warehouse.toUpperCase(),
        rawWarehouse: warehouse,
      })
    : s.bins.all({ upper: keys.upper, raw: keys.raw });
  return rows.map((b) => ({
    kind: 'location',
    item: { kind: 'bin', warehouseId: text(b.id), warehouseCode: text(b.code), bin: text(b.bin_location) },
    id: text(b.id),
    title: `Bin ${text(b.bin_location)}`,
    subtitle: `${text(b.code)} · ${text(b.name)}`,
    matchedBy: 'bin label',
    details: details([
      ['Warehouse', `${text(b.name)} (${text(b.code)})`],
      ['Stock lines in this bin', quantity(b.lines)],
    ]),
  }));
}

function otherMatch(r: Row): LookupMatch {
  const kind = r.kind as 'location' | 'user' | 'work_order' | 'shipment';
  const inactive = r.active === 0 ? 'inactive' : '';
  switch (kind) {
    case 'location':
      return {
        kind,
        item:
          r.info === 'warehouse'
            ? { kind: 'warehouse', id: text(r.id), code: text(r.code), name: text(r.title) }
            : {
                kind: 'location',
                id: text(r.id),
                code: text(r.code),
                name: text(r.title),
                type: text(r.info),
              },
        id: text(r.id),
        title: text(r.title),
        subtitle: `${text(r.code)} · ${words(r.info)}`,
        matchedBy: 'location code',
        details: details([['Status', inactive]]),
      };
    case 'user':
      return {
        kind,
        item: {
          kind: 'person',
          id: text(r.id),
          fullName: text(r.title),
          role: text(r.info),
          active: r.active !== 0,
        },
        id: text(r.id),
        title: text(r.title),
        subtitle: words(r.info),
        matchedBy: 'badge',
        details: details([
          ['E-mail', text(r.a)],
          ['Status', inactive && 'inactive: this badge may not be used'],
        ]),
      };
    case 'work_order':
      return {
        kind,
        item: { kind: 'work_order', id: text(r.id), code: text(r.code), status: text(r.info) },
        id: text(r.id),
        title: text(r.title),
        subtitle: `${text(r.code)} · ${words(r.info)}`,
        matchedBy: 'work order code',
        details: details([
          ['Asset', text(r.c)],
          ['Priority', words(r.a)],
          ['Due', text(r.b)],
        ]),
      };
    case 'shipment':
      return {
        kind,
        item: { kind: 'shipment', id: text(r.id), gatePassRef: text(r.code), status: text(r.info) },
        id: text(r.id),
        title: text(r.title),
        subtitle: [r.a, words(r.info)].filter(Boolean).join(' · '),
        matchedBy: 'gate pass',
        details: details([
          ['From', text(r.c)],
          ['To', text(r.d)],
          ['Vehicle', text(r.b)],
        ]),
      };
  }
}

/**
 * Everything `keys` names exactly: assets, parts, locations, badges, work orders, gate passes, in
 * that order; bins only when none of those matched (a bin label is looked up in every warehouse).
 */
export function findExact(db: CacheDb, keys: ExactKeys): LookupMatch[] {
  const s = statements(db);
  const params = { upper: keys.upper, raw: keys.raw, ...barcodeParams(keys.barcodes) };
  const matches: LookupMatch[] = [];
  const seen = new Set<string>();
  const add = (match: LookupMatch): void => {
    const key = `${match.kind}:${match.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    matches.push(match);
  };
  for (const a of s.assets.all(params)) add(assetMatch(a, text(a.matched_by)));
  for (const p of s.parts.all(params)) add(partMatch(p, text(p.matched_by)));
  for (const o of s.others.all({ upper: keys.upper, raw: keys.raw })) add(otherMatch(o));
  if (matches.length === 0) for (const b of findBins(db, keys)) add(b);
  return matches;
}
