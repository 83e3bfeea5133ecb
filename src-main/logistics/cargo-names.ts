// The codes and names of assets and parts as people know them (an asset by its client code, else
// its name; a part by its SKU), read in one query per kind for many at once: a 500-line truck is
// read in a few queries, not a thousand. The one place that decides how an asset is named.
import type { CacheDb } from '../cache/db.ts';

export interface ItemNames {
  /** What people call it: an asset's client code (else its name), a part's SKU. */
  code: string;
  name: string;
  unit: string;
}

const UNKNOWN: ItemNames = { code: '?', name: '?', unit: 'piece' };

export class CargoNames {
  private readonly assets = new Map<string, ItemNames>();
  private readonly parts = new Map<string, ItemNames>();
  private readonly locations = new Map<string, { code: string; name: string }>();

  constructor(private readonly db: CacheDb) {}

  /** Reads the names of these assets, parts and locations (those not read yet). */
  load(ids: { assets?: Iterable<string>; parts?: Iterable<string>; locations?: Iterable<string> }): void {
    const missing = (known: Map<string, unknown>, list: Iterable<string> | undefined): string[] =>
      [...new Set(list ?? [])].filter((id) => !known.has(id));
    const assets = missing(this.assets, ids.assets);
    if (assets.length > 0) {
      const rows = this.db
        .prepare(
          `SELECT a.id, a.name,
                  (SELECT i.client_code FROM asset_identities i WHERE i.asset_id = a.id AND i.client_code IS NOT NULL
                    ORDER BY i.created_at, i.id LIMIT 1) AS code
             FROM json_each(?) j JOIN assets a ON a.id = j.value`,
        )
        .all(JSON.stringify(assets)) as { id: string; name: string; code: string | null }[];
      for (const r of rows) this.assets.set(r.id, { code: r.code ?? r.name, name: r.name, unit: 'piece' });
    }
    const parts = missing(this.parts, ids.parts);
    if (parts.length > 0) {
      const rows = this.db
        .prepare(`SELECT p.id, p.sku, p.name, p.unit FROM json_each(?) j JOIN parts p ON p.id = j.value`)
        .all(JSON.stringify(parts)) as { id: string; sku: string; name: string; unit: string }[];
      for (const r of rows) this.parts.set(r.id, { code: r.sku, name: r.name, unit: r.unit });
    }
    const locations = missing(this.locations, ids.locations);
    if (locations.length > 0) {
      const rows = this.db
        .prepare(`SELECT l.id, l.code, l.name FROM json_each(?) j JOIN locations l ON l.id = j.value`)
        .all(JSON.stringify(locations)) as { id: string; code: string; name: string }[];
      for (const r of rows) this.locations.set(r.id, { code: r.code, name: r.name });
    }
  }

  asset(id: string): ItemNames {
    if (!this.assets.has(id)) this.load({ assets: [id] });
    return this.assets.get(id) ?? { ...UNKNOWN, code: 'That asset' };
  }

  part(id: string): ItemNames {
    if (!this.parts.has(id)) this.load({ parts: [id] });
    return this.parts.get(id) ?? UNKNOWN;
  }

  of(kind: 'asset' | 'part', id: string): ItemNames {
    return kind === 'asset' ? this.asset(id) : this.part(id);
  }

  location(id: string): { code: string; name: string } {
    if (!this.locations.has(id)) this.load({ locations: [id] });
    return this.locations.get(id) ?? { code: '?', name: '?' };
  }
}
