// shipments.detail: one truck with its manifest (assets with the unit they travel with, part
// lines), seals, what came off at the destination, the discrepancies and its history, from the
// cache with what is queued here on top: a truck loaded offline shows its lines at once, a scan
// shows as received, a finish shows what will be missing.
import type { CacheDb } from '../../cache/db.ts';
import type {
  CargoAsset,
  CargoPart,
  ReceiptLineRow,
  ShipmentDetail,
} from '../../../src-preload/contract/logistics/reads.ts';
import type { StationScope } from '../../core/scope.ts';
import { round3 } from '../../core/quantity.ts';
import { truckAssets, truckParts, type AssetOnTruck, type PartOnTruck } from '../cargo.ts';
import { pendingReceipts, receivedAssets, type QueuedReceipt } from '../receipts.ts';
import { requireTruck, userName, type Truck } from '../truck.ts';
import { CargoNames } from '../cargo-names.ts';
import { truckDiscrepancies } from './discrepancies.ts';
import { truckHistory } from './shipment-history.ts';
import { summarize } from './shipment-summary.ts';

interface ReceiptRow {
  asset_id: string | null;
  part_id: string | null;
  qty: number | null;
  extra_qty: number | null;
  bin_location: string | null;
  condition: 'ok' | 'damaged';
  note: string | null;
  movement_id: string | null;
  is_extra: number | null;
  received_by: string | null;
  received_at: string;
}

interface SealCheck {
  seal_number: string;
  result: 'intact' | 'broken' | 'mismatch';
  found_number?: string;
}

function sealEffects(db: CacheDb, id: string): { seals?: string[]; checks?: SealCheck[] }[] {
  return (
    db
      .prepare(`SELECT data FROM pending_effects WHERE entity = 'seals' AND key = ? ORDER BY rowid`)
      .pluck()
      .all(id) as string[]
  ).map((data) => JSON.parse(data) as { seals?: string[]; checks?: SealCheck[] });
}

function receiptLines(
  db: CacheDb,
  names: CargoNames,
  truck: Truck,
  queued: QueuedReceipt[],
  me: string,
  now: string,
): ReceiptLineRow[] {
  const rows = db
    .prepare(
      `SELECT r.asset_id, r.part_id, r.qty, r.extra_qty, r.bin_location, r.condition, r.note, r.movement_id,
              m.is_extra, u.full_name AS received_by, r.received_at
         FROM shipment_receipt_lines r LEFT JOIN users u ON u.id = r.received_by_user_id
         LEFT JOIN asset_movements m ON m.id = r.movement_id
        WHERE r.shipment_id = ? ORDER BY r.received_at, r.id`,
    )
    .all(truck.id) as ReceiptRow[];
  names.load({
    assets: [
      ...rows.map((r) => r.asset_id),
      ...queued.map((r) => (r.kind === 'asset' ? r.asset_id : null)),
    ].filter((id) => id !== null),
    parts: [
      ...rows.map((r) => r.part_id),
      ...queued.map((r) => (r.kind === 'part' ? r.part_id : null)),
    ].filter((id) => id !== null),
  });
  const out: ReceiptLineRow[] = rows.map((r) => {
    const kind = r.asset_id !== null ? 'asset' : 'part';
    const id = r.asset_id ?? r.part_id ?? '';
    const item = names.of(kind, id);
    return {
      kind,
      item_id: id,
      code: item.code,
      name: item.name,
      qty: r.qty,
      extra_qty: r.extra_qty,
      bin: r.bin_location,
      condition: r.condition,
      note: r.note,
      on_manifest:
        kind === 'asset' ? r.movement_id !== null && r.is_extra !== 1 : (r.extra_qty ?? 0) < (r.qty ?? 0),
      received_by: r.received_by,
      received_at: r.received_at,
      pending: false,
    };
  });
  for (const r of queued) {
    const id = r.kind === 'asset' ? r.asset_id : r.part_id;
    const item = names.of(r.kind, id);
    out.push({
      kind: r.kind,
      item_id: id,
      code: item.code,
      name: item.name,
      qty: r.kind === 'part' ? r.qty : null,
      extra_qty: r.kind === 'part' ? r.extra_qty : null,
      bin: r.kind === 'part' ? r.bin : null,
      condition: r.condition,
      note: r.note,
      on_manifest: r.kind === 'asset' ? r.found === 'manifest' : r.extra_qty < r.qty,
      received_by: me,
      // When it was scanned (stable from one read to the next, so the screen keeps its row).
      received_at: r.queued_at ?? now,
      pending: true,
    });
  }
  return out;
}

function cargoAssets(
  names: CargoNames,
  onTruck: Map<string, AssetOnTruck>,
  received: Map<string, string | null>,
  receipts: ReceiptLineRow[],
  finishing: boolean,
): CargoAsset[] {
  const byAsset = new Map(receipts.filter((r) => r.kind === 'asset').map((r) => [r.item_id, r]));
  const out: CargoAsset[] = [];
  names.load({
    assets: [...onTruck.values()].flatMap((a) =>
      a.leaves_parent_id === null ? [a.asset_id] : [a.asset_id, a.leaves_parent_id],
    ),
  });
  for (const a of onTruck.values()) {
    const item = names.asset(a.asset_id);
    const scan = byAsset.get(a.asset_id) ?? byAsset.get(received.get(a.asset_id) ?? '');
    const arrived = received.has(a.asset_id);
    let status: CargoAsset['status'] = a.status;
    if (a.status === 'in_transit' && arrived) status = 'received';
    else if (a.status === 'in_transit' && finishing) status = 'missing';
    out.push({
      asset_id: a.asset_id,
      code: item.code,
      name: item.name,
      parent_asset_id: a.parent_asset_id,
      leaves_parent_code: a.leaves_parent_id === null ? null : names.asset(a.leaves_parent_id).code,
      status,
      pending: a.pending || status !== a.status || (scan?.pending ?? false),
      received: arrived || a.status === 'received' || a.status === 'extra',
      condition: scan && scan.item_id === a.asset_id ? scan.condition : arrived ? 'ok' : null,
      note: scan && scan.item_id === a.asset_id ? scan.note : null,
    });
  }
  // Extras scanned here and not confirmed yet: on the truck now, not on its manifest.
  for (const r of receipts) {
    if (r.kind !== 'asset' || !r.pending || r.on_manifest || onTruck.has(r.item_id)) continue;
    out.push({
      asset_id: r.item_id,
      code: r.code,
      name: r.name,
      parent_asset_id: null,
      leaves_parent_code: null,
      status: 'extra',
      pending: true,
      received: true,
      condition: r.condition,
      note: r.note,
    });
  }
  return out;
}

function cargoParts(
  names: CargoNames,
  lines: PartOnTruck[],
  queued: QueuedReceipt[],
  finishing: boolean,
): CargoPart[] {
  // Queued receipts are taken off the lines in order, as the server will.
  const arriving = new Map<string, number>();
  for (const r of queued)
    if (r.kind === 'part') arriving.set(r.part_id, (arriving.get(r.part_id) ?? 0) + r.qty - r.extra_qty);
  names.load({ parts: lines.map((l) => l.part_id), locations: lines.map((l) => l.location_id) });
  return lines.map((line) => {
    const item = names.part(line.part_id);
    let received = line.received_qty;
    let pending = line.pending;
    const left = arriving.get(line.part_id) ?? 0;
    if (line.status === 'in_transit' && left > 0) {
      const take = Math.min(left, round3(line.qty - line.received_qty));
      received = round3(received + take);
      arriving.set(line.part_id, round3(left - take));
      pending = true;
    }
    let status = line.status;
    if (line.status === 'in_transit' && finishing) {
      status = received > 0 ? 'received' : 'missing';
      pending = true;
    }
    return {
      part_id: line.part_id,
      sku: item.code,
      name: item.name,
      unit: item.unit,
      source_location_id: line.location_id,
      source_code: names.location(line.location_id).code,
      source_bin: line.bin,
      qty: line.qty,
      received_qty: received,
      status,
      pending,
    };
  });
}

export function shipmentDetail(
  db: CacheDb,
  scope: StationScope,
  id: string,
  now: Date = new Date(),
  /** false: the history is left out (empty), for the screens that do not show it. */
  withHistory = true,
): ShipmentDetail {
  const truck = requireTruck(db, id);
  const when = now.toISOString();
  const me =
    (db.prepare('SELECT name FROM stations WHERE id = ?').pluck().get(scope.stationId) as
      string | undefined) ?? 'this station';
  const finishing = truck.confirmed === 'dispatched' && truck.status !== 'dispatched';
  const onTruck = truckAssets(db, truck);
  const received = receivedAssets(db, truck, onTruck);
  const queued = pendingReceipts(db, truck.id);
  const names = new CargoNames(db);
  const receipts = receiptLines(db, names, truck, queued, me, when);
  const assets = cargoAssets(names, onTruck, received, receipts, finishing);
  const parts = cargoParts(names, truckParts(db, truck), queued, finishing);
  const effects = sealEffects(db, truck.id);
  const checks = effects.flatMap((e) => e.checks ?? []);
  const mirrorSeals = db
    .prepare(
      'SELECT seq, seal_number, check_result, found_number FROM shipment_seals WHERE shipment_id = ? ORDER BY seq',
    )
    .all(truck.id) as {
    seq: number;
    seal_number: string;
    check_result: 'intact' | 'broken' | 'mismatch' | null;
    found_number: string | null;
  }[];
  const seals =
    mirrorSeals.length > 0
      ? mirrorSeals.map((s) => {
          const check = checks.find((c) => c.seal_number === s.seal_number);
          return check && s.check_result === null
            ? { ...s, check_result: check.result, found_number: check.found_number ?? null, pending: true }
            : { ...s, pending: false };
        })
      : effects
          .flatMap((e) => e.seals ?? [])
          .map((seal_number, i) => ({
            seq: i + 1,
            seal_number,
            check_result: null,
            found_number: null,
            pending: true,
          }));
  const missing = finishing
    ? {
        assets: assets
          .filter((a) => a.status === 'missing')
          .map((a) => onTruck.get(a.asset_id))
          .filter((a) => a !== undefined),
        parts: parts
          .filter((p) => p.received_qty < p.qty && p.status !== 'loaded')
          .map((p) => ({
            part_id: p.part_id,
            location_id: p.source_location_id,
            bin: p.source_bin,
            qty: p.qty,
            received_qty: p.received_qty,
            status: p.status === 'received' ? ('received' as const) : ('missing' as const),
            pending: true,
          })),
      }
    : null;
  const location = (locationId: string): string => names.location(locationId).name;
  const receiving =
    truck.receiving_station_id === null
      ? queued.length > 0
        ? me
        : null
      : truck.receiving_station_id === scope.stationId
        ? me
        : 'another station';
  return {
    shipment: {
      ...summarize(db, truck, scope, now),
      origin_name: location(truck.origin_location_id),
      destination_name: location(truck.destination_location_id),
      destination_site_id: truck.destination_site_id,
      driver_id_number: truck.driver_id_number,
      jms_reference: truck.jms_reference,
      notes: truck.notes,
      created_by: userName(db, truck.created_by_user_id),
      dispatched_by: truck.dispatched_by_user_id === null ? null : userName(db, truck.dispatched_by_user_id),
      received_by: truck.received_by_user_id === null ? null : userName(db, truck.received_by_user_id),
      cancel_reason: truck.cancel_reason,
      receipt_note: truck.receipt_note,
      receiving_station: receiving,
      can_load: truck.origin_site_id === scope.siteId && truck.status === 'loading',
      can_receive:
        truck.destination_site_id === scope.siteId &&
        truck.status === 'dispatched' &&
        (truck.receiving_station_id === null || truck.receiving_station_id === scope.stationId),
    },
    assets,
    parts,
    seals,
    receipts,
    discrepancies: truckDiscrepancies(db, truck, missing, finishing ? checks : null, when),
    history: withHistory ? truckHistory(db, names, truck, when) : [],
  };
}
