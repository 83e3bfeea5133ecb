// A truck's discrepancies in words: those the server recorded, and those a scan or a finish queued
// here will record (shown as pending until the server confirms them).
import type { CacheDb } from '../../cache/db.ts';
import type { DiscrepancyRow } from '../../../src-preload/contract/logistics/reads.ts';
import { formatQty } from '../../core/quantity.ts';
import { assetCode, type AssetOnTruck, type PartOnTruck } from '../cargo.ts';
import { pendingReceipts } from '../receipts.ts';
import type { Truck } from '../truck.ts';

interface Row {
  code: DiscrepancyRow['code'];
  asset_id: string | null;
  part_id: string | null;
  qty: number | null;
  expected: string | null;
  found: string | null;
  note: string | null;
  other: string | null;
  recorded_at: string;
}

const sku = (db: CacheDb, partId: string): string =>
  (db.prepare('SELECT sku FROM parts WHERE id = ?').pluck().get(partId) as string | undefined) ?? '?';

export function discrepancyText(db: CacheDb, row: Omit<Row, 'note' | 'recorded_at'>): string {
  const what =
    row.asset_id !== null
      ? assetCode(db, row.asset_id)
      : `${formatQty(row.qty ?? 0)} x ${row.part_id === null ? '?' : sku(db, row.part_id)}`;
  switch (row.code) {
    case 'missing':
      return `${what} missing`;
    case 'extra':
      return row.asset_id !== null
        ? `${what} came off but was not on the manifest`
        : `${what} more than the manifest`;
    case 'damaged':
      return `${what} damaged`;
    case 'wrong_item':
      return `${what} belongs on ${row.other ?? 'another truck'}`;
    case 'seal_broken':
      return `Seal ${row.expected ?? '?'} broken`;
    case 'seal_mismatch':
      return `Seal ${row.expected ?? '?'} replaced by ${row.found ?? '?'}`;
  }
}

export function truckDiscrepancies(
  db: CacheDb,
  truck: Truck,
  missing: { assets: AssetOnTruck[]; parts: PartOnTruck[] } | null,
  seals: { seal_number: string; result: string; found_number?: string }[] | null,
  now: string,
): DiscrepancyRow[] {
  const rows = db
    .prepare(
      `SELECT d.code, d.asset_id, d.part_id, d.qty, d.expected, d.found, d.note, o.gate_pass_ref AS other, d.recorded_at
         FROM shipment_discrepancies d LEFT JOIN shipments o ON o.id = d.other_shipment_id
        WHERE d.shipment_id = ? ORDER BY d.code, d.recorded_at, d.id`,
    )
    .all(truck.id) as Row[];
  const out: DiscrepancyRow[] = rows.map((row) => ({
    code: row.code,
    text: discrepancyText(db, row),
    note: row.note,
    recorded_at: row.recorded_at,
    pending: false,
  }));
  const add = (row: Omit<Row, 'recorded_at' | 'other' | 'expected' | 'found'> & Partial<Row>): void => {
    out.push({
      code: row.code,
      text: discrepancyText(db, { other: null, expected: null, found: null, ...row }),
      note: row.note,
      recorded_at: now,
      pending: true,
    });
  };
  for (const r of pendingReceipts(db, truck.id)) {
    if (r.kind === 'asset') {
      if (r.found !== 'manifest')
        add({
          code: r.found,
          asset_id: r.asset_id,
          part_id: null,
          qty: null,
          note: null,
          other: r.other_gate_pass,
        });
      if (r.condition === 'damaged')
        add({ code: 'damaged', asset_id: r.asset_id, part_id: null, qty: null, note: r.note });
    } else {
      if (r.extra_qty > 0)
        add({ code: 'extra', asset_id: null, part_id: r.part_id, qty: r.extra_qty, note: null });
      if (r.condition === 'damaged')
        add({ code: 'damaged', asset_id: null, part_id: r.part_id, qty: r.qty, note: r.note });
    }
  }
  for (const a of missing?.assets ?? [])
    add({ code: 'missing', asset_id: a.asset_id, part_id: null, qty: null, note: null });
  for (const p of missing?.parts ?? [])
    add({ code: 'missing', asset_id: null, part_id: p.part_id, qty: p.qty - p.received_qty, note: null });
  for (const s of seals ?? []) {
    if (s.result === 'broken')
      add({
        code: 'seal_broken',
        asset_id: null,
        part_id: null,
        qty: null,
        note: null,
        expected: s.seal_number,
      });
    if (s.result === 'mismatch') {
      add({
        code: 'seal_mismatch',
        asset_id: null,
        part_id: null,
        qty: null,
        note: null,
        expected: s.seal_number,
        found: s.found_number ?? null,
      });
    }
  }
  return out;
}
