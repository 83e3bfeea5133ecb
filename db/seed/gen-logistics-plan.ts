// Which trucks one tenant's demo data has. The first site (Acme's Nairobi depot, where the demo
// logistics clerk works) gets a scripted working day: trucks loading at the dock, one on its way
// out, two on their way in, one that arrived this morning with discrepancies, one received clean,
// an outgoing truck whose receipt found problems (the sending site sees them), returnable passes
// (one due, one overdue, one back) and a cancelled truck. Random history between all sites follows.
import type { TenantCtx } from './context.ts';
import type { Org } from './gen-org.ts';

export type ShipmentStatus =
  'loading' | 'dispatched' | 'received' | 'received_with_discrepancies' | 'cancelled';

export interface Trouble {
  damaged?: boolean;
  missingAsset?: boolean;
  shortPart?: boolean;
  extraAsset?: boolean;
  brokenSeal?: boolean;
  sealMismatch?: boolean;
}

export interface ShipmentPlan {
  key: number;
  status: ShipmentStatus;
  /** Days before the anchor midnight. */
  created: number;
  origin?: string;
  destination?: string;
  units: number;
  parts: number;
  /** Returnable: the expected return date, in days after the anchor day (negative: overdue). */
  returnDueIn?: number;
  /** This truck brings back the goods of the shipment with this key. */
  returnOf?: number;
  trouble?: Trouble;
}

// How long ago shipments in each status were created (days).
const AGE_DAYS: Record<ShipmentStatus, readonly [number, number]> = {
  received: [3, 120],
  received_with_discrepancies: [3, 120],
  dispatched: [0.5, 4],
  loading: [0.02, 0.9],
  cancelled: [2, 60],
};

/** The scripted day of the first site, then random history; oldest first. */
export function planShipments(ctx: TenantCtx, org: Org, unitCount: number): ShipmentPlan[] {
  const rng = ctx.rng('logistics');
  const [home, d1, d2, d3] = org.sites.map((s) => s.code) as [string, string, string, string];
  const plans: ShipmentPlan[] = [];
  const add = (plan: Omit<ShipmentPlan, 'key'>): number => {
    plans.push({ ...plan, key: plans.length });
    return plans.length - 1;
  };
  add({ status: 'loading', created: 0.08, origin: home, destination: d1, units: 2, parts: 2 });
  add({ status: 'loading', created: 0.03, origin: home, destination: d2, units: 1, parts: 0 });
  add({ status: 'dispatched', created: 0.6, origin: home, destination: d2, units: 1, parts: 1 });
  add({ status: 'dispatched', created: 1.2, origin: d1, destination: home, units: 1, parts: 2 });
  add({ status: 'dispatched', created: 0.5, origin: d3, destination: home, units: 2, parts: 0 });
  add({
    status: 'received_with_discrepancies',
    created: 1.5,
    origin: d2,
    destination: home,
    units: 2,
    parts: 2,
    trouble: { damaged: true, shortPart: true, brokenSeal: true },
  });
  add({ status: 'received', created: 3, origin: d1, destination: home, units: 1, parts: 1 });
  add({
    status: 'received_with_discrepancies',
    created: 4,
    origin: home,
    destination: d3,
    units: 2,
    parts: 1,
    trouble: { missingAsset: true, extraAsset: true, sealMismatch: true },
  });
  add({ status: 'received', created: 6, origin: home, destination: d1, units: 1, parts: 0, returnDueIn: 5 });
  add({
    status: 'received',
    created: 25,
    origin: home,
    destination: d2,
    units: 1,
    parts: 0,
    returnDueIn: -6,
  });
  const lent = add({
    status: 'received',
    created: 40,
    origin: home,
    destination: d3,
    units: 1,
    parts: 0,
    returnDueIn: -30,
  });
  add({ status: 'received', created: 32, origin: d3, destination: home, units: 1, parts: 0, returnOf: lent });
  add({ status: 'cancelled', created: 2, origin: home, destination: d1, units: 1, parts: 1 });

  const count = Math.max(8, Math.round(unitCount / 5));
  for (let i = 0; i < count; i++) {
    const status = rng.weighted<ShipmentStatus>([
      ['received', 6],
      ['received_with_discrepancies', 0.6],
      ['dispatched', 2],
      ['loading', 1.2],
      ['cancelled', 0.8],
    ]);
    const [youngest, oldest] = AGE_DAYS[status];
    add({
      status,
      created: rng.float(youngest, oldest),
      units: rng.int(1, 3),
      parts: rng.chance(0.5) ? rng.int(1, 2) : 0,
      ...(status === 'received_with_discrepancies'
        ? { trouble: rng.chance(0.5) ? { missingAsset: true } : { damaged: true, brokenSeal: true } }
        : {}),
    });
  }
  return plans.sort((a, b) => b.created - a.created || a.key - b.key);
}

/** The prefix a site's first station gets (migration 0013): the last part of its code, plus 1. */
export function firstStationPrefix(siteCode: string): string {
  const base = (siteCode.split('-').pop() ?? '').replace(/[^A-Z0-9]/g, '').slice(0, 4);
  return `${base === '' ? 'ST' : base}1`;
}
