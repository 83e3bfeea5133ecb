// Logistics of one tenant: trucks (shipments) between sites in every status, and the asset
// movements on them, which carry the shipment's gate pass. Shipments are replayed oldest first,
// so a received shipment really moves its units to the destination, a dispatched one leaves them
// in transit, and an asset is never on two open movements at once.
import type { TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import { usersAt, type LocationRec, type Org, type UserRec } from './gen-org.ts';
import { personName, vehicleRegistration } from './names.ts';

type ShipmentStatus = 'loading' | 'dispatched' | 'received' | 'cancelled';

interface ShipmentPlan {
  status: ShipmentStatus;
  /** Days before the anchor midnight. */
  created: number;
  key: number;
}

const MOVEMENT_STATUS: Record<ShipmentStatus, string> = {
  loading: 'loaded',
  dispatched: 'in_transit',
  received: 'received',
  cancelled: 'cancelled',
};

// How long ago shipments in each status were created (days).
const AGE_DAYS: Record<ShipmentStatus, readonly [number, number]> = {
  received: [3, 120],
  dispatched: [0.5, 4],
  loading: [0.02, 0.9],
  cancelled: [2, 60],
};

// Fixed installations never travel.
const FIXED = new Set(['DL', 'CV']);

export function buildLogistics(
  ctx: TenantCtx,
  org: Org,
  fleet: Fleet,
  users: readonly UserRec[],
): { shipments: CopyRow[]; movements: CopyRow[] } {
  const rng = ctx.rng('logistics');
  const count = Math.max(8, Math.round(fleet.units.length / 5));
  const forced: ShipmentStatus[] = ['received', 'dispatched', 'loading', 'cancelled'];
  const plans: ShipmentPlan[] = [];
  for (let i = 0; i < count; i++) {
    const status =
      forced[i] ??
      rng.weighted<ShipmentStatus>([
        ['received', 6],
        ['dispatched', 2],
        ['loading', 1.2],
        ['cancelled', 0.8],
      ]);
    const [youngest, oldest] = AGE_DAYS[status];
    const created = rng.float(youngest, oldest);
    plans.push({ status, created, key: i });
  }
  plans.sort((a, b) => b.created - a.created || a.key - b.key);

  const open = new Set<string>(); // units on a loaded or in-transit movement
  const shipped = new Set<string>();
  const movable = (site: string): AssetRec[] =>
    fleet.units.filter(
      (u) => u.siteCode === site && u.status !== 'disposed' && !open.has(u.id) && !FIXED.has(u.kind.prefix),
    );
  const clerk = (site: string): UserRec => rng.pick(usersAt(users, 'logistics_clerk', site));
  const shipments: CopyRow[] = [];
  const movements: CopyRow[] = [];

  plans.forEach((plan, n) => {
    const origins = org.sites.filter((s) => movable(s.code).length > 0);
    const origin: LocationRec = rng.pick(origins.length > 0 ? origins : org.sites);
    const destination = rng.pick(org.sites.filter((s) => s.code !== origin.code));
    const id = ctx.id('shipment', n);
    const gatePass = `GP-${ctx.plan.badgePrefix}-${String(n + 1).padStart(6, '0')}`;
    const dispatched =
      plan.status === 'dispatched' || plan.status === 'received'
        ? Math.max(0.01, plan.created - rng.float(0.1, 0.5))
        : null;
    const received =
      plan.status === 'received' && dispatched !== null
        ? Math.max(0.005, dispatched - rng.float(0.3, 2.5))
        : null;
    const creator = clerk(origin.code);
    const receiver = received === null ? null : clerk(destination.code);
    const driver = personName(rng, ctx.plan.region).full;
    shipments.push({
      id,
      tenant_id: ctx.tenantId,
      gate_pass_ref: gatePass,
      jms_reference: rng.chance(0.85) ? `JMS-${ctx.plan.badgePrefix}-${rng.digits(7)}` : null,
      driver_name: driver,
      vehicle_reg: vehicleRegistration(rng, ctx.plan.region),
      origin_location_id: origin.id,
      destination_location_id: destination.id,
      status: plan.status,
      manifest_pdf_url:
        dispatched === null ? null : `https://${ctx.plan.filesHost}/manifests/${gatePass}.pdf`,
      created_by_user_id: creator.id,
      dispatched_at: dispatched === null ? null : ctx.at(dispatched, 0),
      dispatched_by_user_id: dispatched === null ? null : creator.id,
      received_at: received === null ? null : ctx.at(received, 0),
      received_by_user_id: receiver?.id ?? null,
      created_at: ctx.at(plan.created, 0),
      updated_at: ctx.at(received ?? dispatched ?? plan.created, 0),
    });
    const load = rng.sample(movable(origin.code), rng.int(1, 3));
    for (const unit of load) {
      shipped.add(unit.id);
      const movedAt = Math.max(0.01, plan.created - rng.float(0.01, 0.1));
      movements.push({
        id: ctx.id('movement', movements.length),
        tenant_id: ctx.tenantId,
        asset_id: unit.id,
        shipment_id: id,
        from_location_id: origin.id,
        to_location_id: destination.id,
        status: MOVEMENT_STATUS[plan.status],
        gate_pass_ref: gatePass,
        moved_at: ctx.at(movedAt, 0),
        received_at: received === null ? null : ctx.at(received, 0),
        received_by_user_id: receiver?.id ?? null,
        created_at: ctx.at(movedAt, 0),
        updated_at: ctx.at(received ?? dispatched ?? movedAt, 0),
      });
      if (plan.status === 'received') {
        const homes = ctx.plan.assetHomes[destination.code] ?? [destination.code];
        unit.siteCode = destination.code;
        unit.locationId = org.byCode.get(rng.pick(homes))?.id ?? destination.id;
      } else if (plan.status === 'loading' || plan.status === 'dispatched') {
        open.add(unit.id);
      }
      if (plan.status === 'dispatched' && dispatched !== null) {
        unit.status = 'in_transit';
        unit.logStopDaysAgo = Math.max(1, Math.ceil(dispatched));
      }
    }
  });

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
    movements.push({
      id: ctx.id('movement', movements.length),
      tenant_id: ctx.tenantId,
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
    });
  }
  return { shipments, movements };
}
