// Logistics of one tenant: trucks (shipments) between sites in every state, with what the clerks'
// operations would have written: asset movements (components travelling with their unit), part
// lines from warehouse bins, seals, the blind receipt at the destination and the discrepancies it
// found. The plan (gen-logistics-plan.ts) is replayed oldest first, so a received truck really
// moved its units, a dispatched one left them in transit, a missing unit stays in transit where it
// was, and an asset is never on two open movements. Gate pass references are those the first
// station of each site would have made (GP-NBO1-0001, ...), so the demo station goes on from them.
import type { TenantCtx } from './context.ts';
import { fixed } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import type { Inventory } from './gen-inventory.ts';
import { LogisticsRows, type LogisticsOut, type Row, type Stop } from './gen-logistics-rows.ts';
import {
  firstStationPrefix,
  planShipments,
  type ShipmentPlan,
  type ShipmentStatus,
} from './gen-logistics-plan.ts';
import { usersAt, type LocationRec, type Org, type UserRec } from './gen-org.ts';
import { personName, vehicleRegistration } from './names.ts';

export interface Logistics {
  shipments: CopyRow[];
  movements: CopyRow[];
  partLines: CopyRow[];
  seals: CopyRow[];
  receipts: CopyRow[];
  discrepancies: CopyRow[];
}

const MOVEMENT_STATUS: Record<ShipmentStatus, string> = {
  loading: 'loaded',
  dispatched: 'in_transit',
  received: 'received',
  received_with_discrepancies: 'received',
  cancelled: 'cancelled',
};

// Fixed installations never travel.
const FIXED = new Set(['DL', 'CV']);
const DAMAGE = ['Dented side panel', 'Cracked mirror housing', 'Hydraulic hose torn', 'Scratched paintwork'];
const CANCEL = ['Truck broke down at the gate', 'Customer postponed', 'Wrong trailer sent'];

export function buildLogistics(
  ctx: TenantCtx,
  org: Org,
  fleet: Fleet,
  users: readonly UserRec[],
  inventory: Inventory,
): Logistics {
  const rng = ctx.rng('logistics-replay');
  const out: LogisticsOut = {
    shipments: [],
    movements: [],
    partLines: [],
    seals: [],
    receipts: [],
    discrepancies: [],
  };
  const open = new Set<string>(); // units on a loaded or in-transit movement
  const lost = new Set<string>(); // units dispatched and never received
  const shipped = new Set<string>();
  const unitsOf = new Map<number, AssetRec[]>();
  const shipmentOf = new Map<number, Row>();
  const numbers = new Map<string, number>();
  const reserved = new Map<number, number>(); // stock row index -> loaded, not dispatched
  const movable = (site: string): AssetRec[] =>
    fleet.units.filter(
      (u) =>
        u.siteCode === site &&
        u.status !== 'disposed' &&
        !open.has(u.id) &&
        !lost.has(u.id) &&
        !FIXED.has(u.kind.prefix),
    );
  const clerk = (site: string): UserRec => rng.pick(usersAt(users, 'logistics_clerk', site));
  const stockRows = Math.min(inventory.stockRows, 6000);
  const t = ctx.tenantId;

  const rows = new LogisticsRows(ctx, out);
  const discrepancy = rows.discrepancy.bind(rows);
  const receipt = rows.receipt.bind(rows);
  const loadUnit = rows.loadUnit.bind(rows);

  const moveTo = (unit: AssetRec, destination: LocationRec): void => {
    const homes = ctx.plan.assetHomes[destination.code] ?? [destination.code];
    unit.siteCode = destination.code;
    unit.locationId = org.byCode.get(rng.pick(homes))?.id ?? destination.id;
  };

  /** Stock rows at the site holding at least 2 (minus what trucks still loading hold). */
  const stockAt = (site: string): number[] => {
    const found: number[] = [];
    for (let i = 0; i < stockRows && found.length < 40; i++) {
      if (inventory.placement(i).warehouse.siteCode !== site) continue;
      if (inventory.quantityOf(i) - (reserved.get(i) ?? 0) >= 2) found.push(i);
    }
    return found;
  };

  const replay = (plan: ShipmentPlan, n: number): void => {
    const origins = org.sites.filter((s) => movable(s.code).length > 0);
    const origin = org.byCode.get(plan.origin ?? '') ?? rng.pick(origins.length > 0 ? origins : org.sites);
    const destination =
      org.byCode.get(plan.destination ?? '') ?? rng.pick(org.sites.filter((s) => s.code !== origin.code));
    const prefix = firstStationPrefix(origin.code);
    const number = (numbers.get(prefix) ?? 0) + 1;
    numbers.set(prefix, number);
    const gatePass = `GP-${prefix}-${String(number).padStart(4, '0')}`;
    const isShipped = plan.status !== 'loading' && plan.status !== 'cancelled';
    const isReceived = plan.status === 'received' || plan.status === 'received_with_discrepancies';
    const dispatchedAt = isShipped ? Math.max(0.01, plan.created - rng.float(0.1, 0.5)) : null;
    const receivedAt =
      isReceived && dispatchedAt !== null ? Math.max(0.005, dispatchedAt - rng.float(0.3, 2.5)) : null;
    const creator = clerk(origin.code);
    const received: Stop | null =
      receivedAt === null ? null : { at: receivedAt, by: clerk(destination.code) };
    const cancelledAt =
      plan.status === 'cancelled' ? Math.max(0.01, plan.created - rng.float(0.05, 0.5)) : null;
    const trouble = plan.trouble ?? {};
    const id = ctx.id('shipment', n);
    const shipment: Row = {
      id,
      tenant_id: t,
      gate_pass_ref: gatePass,
      jms_reference: rng.chance(0.85) ? `JMS-${ctx.plan.badgePrefix}-${rng.digits(7)}` : null,
      driver_name: personName(rng, ctx.plan.region).full,
      vehicle_reg: vehicleRegistration(rng, ctx.plan.region),
      origin_location_id: origin.id,
      destination_location_id: destination.id,
      status: plan.status,
      manifest_pdf_url: null,
      created_by_user_id: creator.id,
      dispatched_at: dispatchedAt === null ? null : ctx.at(dispatchedAt, 0),
      dispatched_by_user_id: dispatchedAt === null ? null : creator.id,
      received_at: received ? ctx.at(received.at, 0) : null,
      received_by_user_id: received?.by.id ?? null,
      created_at: ctx.at(plan.created, 0),
      updated_at: ctx.at(received?.at ?? dispatchedAt ?? cancelledAt ?? plan.created, 0),
      driver_id_number: ctx.plan.region === 'kenya' ? rng.digits(8) : rng.digits(13),
      trailer_reg: rng.chance(0.3) ? vehicleRegistration(rng, ctx.plan.region) : null,
      notes: null,
      is_returnable: plan.returnDueIn !== undefined,
      expected_return_date: plan.returnDueIn === undefined ? null : ctx.date(-plan.returnDueIn),
      return_of_shipment_id:
        plan.returnOf === undefined
          ? null
          : ((shipmentOf.get(plan.returnOf)?.id as string | undefined) ?? null),
      returned_at: null,
      returned_by_shipment_id: null,
      cancelled_at: cancelledAt === null ? null : ctx.at(cancelledAt, 0),
      cancelled_by_user_id: cancelledAt === null ? null : creator.id,
      cancel_reason: cancelledAt === null ? null : rng.pick(CANCEL),
      receiving_station_id: null,
      receiving_started_at: null,
      receipt_note:
        plan.status === 'received_with_discrepancies' ? 'Checked with the driver at the gate' : null,
    };
    out.shipments.push(shipment);
    shipmentOf.set(plan.key, shipment);
    if (plan.returnOf !== undefined && received) {
      const original = shipmentOf.get(plan.returnOf);
      if (original)
        Object.assign(original, { returned_at: ctx.at(received.at, 0), returned_by_shipment_id: id });
    }

    // Assets.
    const load =
      plan.returnOf !== undefined
        ? (unitsOf.get(plan.returnOf) ?? []).filter((u) => u.siteCode === origin.code && !open.has(u.id))
        : rng.sample(movable(origin.code), plan.units);
    unitsOf.set(plan.key, load);
    const missing = trouble.missingAsset && isReceived ? load[load.length - 1] : undefined;
    const loadedAt = Math.max(0.01, plan.created - rng.float(0.005, 0.05));
    load.forEach((unit, i) => {
      shipped.add(unit.id);
      const lostHere = unit === missing;
      const status = lostHere ? 'missing' : MOVEMENT_STATUS[plan.status];
      const movements = loadUnit(unit, shipment, status, loadedAt, creator, received);
      if (lostHere && received) {
        const assets = [unit, ...unit.children.filter((c) => c.status !== 'disposed')];
        assets.forEach((asset, k) => {
          discrepancy(id, 'missing', { asset_id: asset.id, movement_id: movements[k] ?? null }, received);
        });
        unit.status = 'in_transit';
        unit.logStopDaysAgo = Math.max(1, Math.ceil(dispatchedAt ?? 1));
        lost.add(unit.id);
      } else if (received) {
        const damaged = trouble.damaged === true && i === 0;
        const note = damaged ? rng.pick(DAMAGE) : null;
        const line = receipt(
          id,
          {
            asset_id: unit.id,
            movement_id: movements[0] ?? null,
            condition: damaged ? 'damaged' : 'ok',
            note,
          },
          received,
        );
        if (damaged)
          discrepancy(
            id,
            'damaged',
            { asset_id: unit.id, movement_id: movements[0] ?? null, receipt_line_id: line, note },
            received,
          );
        moveTo(unit, destination);
      } else if (plan.status === 'loading' || plan.status === 'dispatched') {
        open.add(unit.id);
        if (plan.status === 'dispatched') {
          unit.status = 'in_transit';
          unit.logStopDaysAgo = Math.max(1, Math.ceil(dispatchedAt ?? 1));
        }
      }
    });
    if (trouble.extraAsset && received) {
      const stowaway = movable(origin.code).find((u) => !load.includes(u));
      if (stowaway) {
        shipped.add(stowaway.id);
        const [movement] = loadUnit(stowaway, shipment, 'received', received.at, creator, received, true);
        const line = receipt(id, { asset_id: stowaway.id, movement_id: movement ?? null }, received);
        discrepancy(
          id,
          'extra',
          { asset_id: stowaway.id, movement_id: movement ?? null, receipt_line_id: line },
          received,
        );
        moveTo(stowaway, destination);
      }
    }

    // Parts from the origin's bins.
    const candidates = rng.shuffled(stockAt(origin.code));
    let lines = 0;
    for (const i of candidates) {
      if (lines >= plan.parts) break;
      const at = inventory.placement(i);
      const part = inventory.part(at.part);
      const target = isReceived ? inventory.placementAt(at.part, destination.code) : null;
      if (isReceived && !target) continue;
      const available = inventory.quantityOf(i) - (reserved.get(i) ?? 0);
      const piece = part.category.unit === 'piece';
      const qty = piece
        ? rng.int(1, Math.min(12, Math.floor(available)))
        : Math.min(available, rng.decimal(1, 20, 1));
      if (qty <= 0) continue;
      if (plan.status === 'loading') reserved.set(i, (reserved.get(i) ?? 0) + qty);
      const short =
        trouble.shortPart === true && lines === 0 && received
          ? piece
            ? Math.max(1, Math.floor(qty / 2))
            : qty / 2
          : 0;
      const got = received ? qty - short : 0;
      const lineId = ctx.id('part-line', out.partLines.length);
      out.partLines.push({
        id: lineId,
        tenant_id: t,
        shipment_id: id,
        part_id: part.id,
        source_location_id: at.warehouse.id,
        source_bin: at.bin,
        qty: fixed(qty, 3),
        status: received ? (got > 0 ? 'received' : 'missing') : MOVEMENT_STATUS[plan.status],
        received_qty: fixed(got, 3),
        received_location_id: got > 0 && target ? target.warehouse.id : null,
        received_bin: got > 0 && target ? target.bin : null,
        received_at: got > 0 && received ? ctx.at(received.at, 0) : null,
        received_by_user_id: got > 0 && received ? received.by.id : null,
        loaded_by_user_id: creator.id,
        created_at: ctx.at(loadedAt, 0),
        updated_at: ctx.at(received?.at ?? loadedAt, 0),
      });
      if (received && target && got > 0) {
        receipt(
          id,
          {
            part_id: part.id,
            qty: fixed(got, 3),
            extra_qty: fixed(0, 3),
            location_id: target.warehouse.id,
            bin_location: target.bin,
          },
          received,
        );
      }
      if (received && short > 0) {
        discrepancy(
          id,
          'missing',
          { part_id: part.id, qty: fixed(short, 3), part_line_id: lineId },
          received,
        );
      }
      lines += 1;
    }

    // Seals, checked at arrival.
    if (dispatchedAt !== null) {
      const count = trouble.brokenSeal || trouble.sealMismatch ? 2 : rng.int(1, 2);
      for (let s = 1; s <= count; s++) {
        const sealId = ctx.id('seal', out.seals.length);
        const sealNumber = `SL${rng.digits(7)}`;
        const broken = received && s === 2 && trouble.brokenSeal === true;
        const mismatch = received && s === 2 && trouble.sealMismatch === true;
        const found = mismatch ? `SL${rng.digits(7)}` : null;
        out.seals.push({
          id: sealId,
          tenant_id: t,
          shipment_id: id,
          seq: s,
          seal_number: sealNumber,
          sealed_by_user_id: creator.id,
          sealed_at: ctx.at(dispatchedAt, 0),
          check_result: received ? (broken ? 'broken' : mismatch ? 'mismatch' : 'intact') : null,
          found_number: found,
          checked_by_user_id: received?.by.id ?? null,
          checked_at: received ? ctx.at(received.at, 0) : null,
          created_at: ctx.at(dispatchedAt, 0),
          updated_at: ctx.at(received?.at ?? dispatchedAt, 0),
        });
        if (broken) discrepancy(id, 'seal_broken', { seal_id: sealId, expected: sealNumber }, received);
        if (mismatch) {
          discrepancy(id, 'seal_mismatch', { seal_id: sealId, expected: sealNumber, found }, received);
        }
      }
    }
    // A truck whose receipt found nothing wrong is received, not received with discrepancies.
    if (
      plan.status === 'received_with_discrepancies' &&
      !out.discrepancies.some((d) => d.shipment_id === id)
    ) {
      shipment.status = 'received';
      shipment.receipt_note = null;
    }
  };
  planShipments(ctx, org, fleet.units.length).forEach(replay);

  // Moves inside a site (yard to workshop and back) need no truck and no gate pass.
  for (const unit of rng.sample(
    fleet.units.filter((u) => u.status === 'in_service' && !shipped.has(u.id)),
    Math.max(2, Math.round(fleet.units.length / 20)),
  )) {
    const others = (ctx.plan.assetHomes[unit.siteCode] ?? [])
      .map((code) => org.byCode.get(code))
      .filter((l): l is LocationRec => l !== undefined && l.id !== unit.locationId);
    const from = others[0];
    if (!from) continue;
    const movedAt = rng.float(1, 90);
    out.movements.push({
      id: ctx.id('movement', out.movements.length),
      tenant_id: t,
      asset_id: unit.id,
      shipment_id: null,
      from_location_id: from.id,
      to_location_id: unit.locationId,
      status: 'received',
      gate_pass_ref: null,
      moved_at: ctx.at(movedAt, 0),
      received_at: ctx.at(Math.max(0.01, movedAt - 0.05), 0),
      received_by_user_id: rng.pick(usersAt(users, 'supervisor', unit.siteCode)).id,
      created_at: ctx.at(movedAt, 0),
      updated_at: ctx.at(Math.max(0.01, movedAt - 0.05), 0),
      parent_movement_id: null,
      detached_from_asset_id: null,
      asset_status_before: null,
      loaded_by_user_id: null,
      is_extra: false,
    });
  }
  return out;
}
