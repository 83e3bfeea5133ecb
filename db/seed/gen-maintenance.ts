// The maintenance engine of one tenant: corrective and defect work orders in every status
// (WO-000123) with their checklist tasks, the closed PM work orders of the service history (each
// with its pm_completions: done, and folded for the smaller services it included), the
// operators' service requests (pending, rejected with a reason, converted into a work order) and
// the parts consumed on jobs, from technicians' wallets and from warehouse bins. Open PM work
// orders are not generated here: the PM engine opens them at the end of the seed.
import { createHash } from 'node:crypto';
import { REJECTION_REASONS, REPAIR_TASKS, type TaskTemplate, workTexts } from './catalog-work.ts';
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import { demoPhoto } from './demo-photo.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import { quantity, type Inventory, type WalletRec } from './gen-inventory.ts';
import type { PmPlan, PmService } from './gen-pm.ts';
import { usersAt, type Org, type UserRec } from './gen-org.ts';
import type { Rng } from './prng.ts';

export const WO_STATUSES = ['draft', 'ready', 'in_progress', 'closed', 'cancelled'] as const;
type WoStatus = (typeof WO_STATUSES)[number];
type Origin = 'pm' | 'cm' | 'defect';

const CANCEL_REASONS = [
  'Raised twice for the same fault',
  'Machine sold; work not needed',
  'Covered by the supplier under warranty',
  'Fault could not be found; machine tested OK',
];

interface WoPlan {
  unit: AssetRec;
  origin: Origin;
  /** A PM work order of the service history (closed). */
  service: PmService | null;
  /** Days before the anchor midnight (fractional). */
  created: number;
  status: WoStatus;
  key: number;
}

export interface MaintenanceRows {
  workOrders: CopyRow[];
  tasks: CopyRow[];
  requests: CopyRow[];
  photos: CopyRow[];
  consumables: CopyRow[];
  completions: CopyRow[];
}

function statusFor(rng: Rng, created: number): WoStatus {
  if (created > 21) return rng.chance(0.88) ? 'closed' : 'cancelled';
  return rng.weighted<WoStatus>([
    ['draft', 2],
    ['ready', 2],
    ['in_progress', 3],
    ['closed', 3],
    ['cancelled', 0.5],
  ]);
}

function checklist(plan: WoPlan): readonly TaskTemplate[] {
  return plan.service ? plan.service.schedule.tasks : REPAIR_TASKS;
}

function meterText(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** The PM engine's sentence for a service of the history. */
function pmWhy(service: PmService): string {
  const s = service.schedule;
  const folded = service.folded.map((f) => `the ${f.name}`).join(', ');
  const reason =
    s.intervalMeter !== null && service.meter !== null
      ? `${s.name} due at ${meterText(service.meter)} ${s.meter === 'odometer' ? 'km' : 'h'}`
      : `${s.name} due (every ${s.intervalDays ?? 0} days)`;
  return `${reason}${folded ? `; ${folded} ${service.folded.length === 1 ? 'is' : 'are'} folded into it` : ''}.`;
}

export function buildMaintenance(
  ctx: TenantCtx,
  org: Org,
  fleet: Fleet,
  users: readonly UserRec[],
  pm: PmPlan,
  inventory: Inventory,
  wallets: readonly WalletRec[],
): MaintenanceRows {
  const plans: WoPlan[] = [];
  for (const unit of fleet.units) {
    if (unit.status === 'disposed') continue;
    const rng = ctx.rng('wo-plan', unit.index);
    for (let j = rng.int(1, 3); j > 0; j--) {
      const origin = rng.weighted<Origin>([
        ['cm', 3],
        ['defect', 2],
      ]);
      const created = rng.float(0.05, 150);
      plans.push({
        unit,
        origin,
        service: null,
        created,
        status: statusFor(rng, created),
        key: plans.length,
      });
    }
  }
  // At least one defect work order, so there is a converted service request.
  if (!plans.some((p) => p.origin === 'defect') && plans[0]) {
    plans[0] = { ...plans[0], origin: 'defect' };
  }
  // Every status at least once, on the most recent work orders.
  plans.sort((a, b) => a.created - b.created || a.key - b.key);
  WO_STATUSES.forEach((status, i) => {
    const p = plans[i];
    if (p && !plans.some((q) => q.status === status)) p.status = status;
  });
  // The service history: each service's work order was generated a few days before it was done.
  pm.services.forEach((service, i) => {
    const rng = ctx.rng('pm-history', i);
    plans.push({
      unit: service.asset,
      origin: 'pm',
      service,
      created: service.daysAgo + rng.float(0.3, 4),
      status: 'closed',
      key: plans.length,
    });
  });
  plans.sort((a, b) => a.created - b.created || a.key - b.key);
  plans.reverse(); // oldest first: codes follow creation order
  const out: MaintenanceRows = {
    workOrders: [],
    tasks: [],
    requests: [],
    photos: [],
    consumables: [],
    completions: [],
  };
  const walletOf = new Map<string, WalletRec[]>();
  for (const w of wallets) walletOf.set(w.userId, [...(walletOf.get(w.userId) ?? []), w]);
  const reporters = (site: string): UserRec[] => usersAt(users, 'operator', site);

  plans.forEach((plan, n) => {
    const rng = ctx.rng('wo', n);
    const id = ctx.id('work_order', n);
    const unit = plan.unit;
    const techs = usersAt(users, 'technician', unit.siteCode);
    const tech = plan.status === 'draft' && rng.chance(0.5) ? null : rng.pick(techs);
    const service = plan.service;
    const started = service
      ? service.daysAgo + rng.float(0.05, 0.3)
      : plan.status === 'in_progress' ||
          plan.status === 'closed' ||
          (plan.status === 'cancelled' && rng.chance(0.3))
        ? Math.max(0.02, plan.created - rng.float(0.05, 2))
        : null;
    const closed = service
      ? service.daysAgo
      : plan.status === 'closed' && started !== null
        ? Math.max(0.01, started - rng.float(0.05, 1.5))
        : null;
    let title: string;
    let description: string | null = null;
    let priority: string;
    if (service) {
      title = `${service.schedule.name}: ${unit.code}`;
      priority = 'normal';
    } else if (plan.origin === 'cm') {
      title = `${rng.pick(workTexts(unit.kind.prefix).jobs)}: ${unit.code}`;
      priority = rng.chance(0.7) ? 'normal' : 'high';
    } else {
      const fault = rng.pick(workTexts(unit.kind.prefix).faults);
      title = `Defect: ${fault} (${unit.code})`;
      description = `${fault}. Reported by the operator at ${unit.siteCode}.`;
      priority = rng.weighted([
        ['normal', 3],
        ['high', 4],
        ['urgent', 2],
      ]);
      const reporter = rng.pick(reporters(unit.siteCode));
      const reportedAt = plan.created + rng.float(0.02, 1.5);
      const triager = rng.pick(usersAt(users, 'supervisor', unit.siteCode));
      addRequest(
        ctx,
        out,
        { unit, reporter, triager, description, reportedAt, convertedWo: id, rejection: null },
        rng,
      );
    }
    const updated = closed ?? started ?? plan.created;
    out.workOrders.push({
      id,
      tenant_id: ctx.tenantId,
      code: `WO-${String(n + 1).padStart(6, '0')}`,
      asset_id: unit.id,
      pm_schedule_id: service?.schedule.id ?? null,
      status: plan.status,
      origin: plan.origin,
      priority,
      title,
      description,
      assigned_to_user_id: tech?.id ?? null,
      due_date: service
        ? ctx.date(Math.round(service.daysAgo + rng.float(0, 2)))
        : ctx.date(Math.round(plan.created) - rng.int(3, 21)),
      started_at: started === null ? null : ctx.at(started, 0),
      closed_at: closed === null ? null : ctx.at(closed, 0),
      created_at: ctx.at(plan.created, 0),
      updated_at: ctx.at(updated, 0),
      pm_cycle: service?.cycles.get(service.schedule.id) ?? null,
      pm_why: service ? pmWhy(service) : null,
      cancel_reason: plan.status === 'cancelled' ? rng.pick(CANCEL_REASONS) : null,
      created_by_user_id: service ? null : rng.pick(usersAt(users, 'supervisor', unit.siteCode)).id,
      completion_meter: service?.meter === null || !service ? null : fixed(service.meter, 2),
    });
    if (service) {
      for (const s of [service.schedule, ...service.folded]) {
        out.completions.push({
          id: ctx.id('pm_completion', out.completions.length),
          tenant_id: ctx.tenantId,
          schedule_id: s.id,
          cycle: service.cycles.get(s.id) ?? 1,
          kind: s === service.schedule ? 'done' : 'folded',
          wo_id: id,
          via_schedule_id: s === service.schedule ? null : service.schedule.id,
          completed_on: ctx.date(Math.round(service.daysAgo)),
          meter: s.intervalMeter === null || service.meter === null ? null : fixed(service.meter, 2),
          note: null,
        });
      }
    }
    // Checklist: all results on a closed job, the first few on a job in progress.
    const templates = checklist(plan);
    const done =
      plan.status === 'closed'
        ? templates.length
        : plan.status === 'in_progress' || started !== null
          ? rng.int(0, templates.length - 1)
          : 0;
    templates.forEach((tpl, seq) => {
      const finished = seq < done && tech !== null && started !== null;
      const at = finished ? started - ((started - (closed ?? 0.01)) * (seq + 1)) / (templates.length + 1) : 0;
      const result = !finished ? null : tpl.input ? 'input' : rng.chance(0.93) ? 'pass' : 'fail';
      out.tasks.push({
        id: ctx.id('wo_task', out.tasks.length),
        tenant_id: ctx.tenantId,
        wo_id: id,
        seq: seq + 1,
        description: tpl.description,
        is_mandatory: tpl.mandatory,
        result,
        result_value:
          result === 'input' && tpl.input
            ? tpl.input(rng)
            : result === 'fail'
              ? 'Worn beyond limit; replaced'
              : null,
        completed_by_user_id: finished ? tech.id : null,
        completed_at: finished ? ctx.at(at, 0) : null,
      });
    });
    // Parts used on the job.
    if (tech && started !== null && plan.status !== 'cancelled') {
      const lines = rng.int(0, 3);
      for (let l = 0; l < lines; l++) {
        const line = consumable(org, inventory, rng, walletOf.get(tech.id) ?? [], unit.siteCode);
        if (!line) continue;
        const part = inventory.part(line.part);
        const usedAt = closed === null ? Math.max(0.01, started - rng.float(0, 0.3)) : (started + closed) / 2;
        const unitOfMeasure = part.category.unit;
        out.consumables.push({
          id: ctx.id('wo_consumable', out.consumables.length),
          tenant_id: ctx.tenantId,
          wo_id: id,
          part_id: part.id,
          qty_used: fixed(
            quantity(unitOfMeasure === 'piece' ? rng.int(1, 4) : rng.float(0.5, 20), unitOfMeasure),
            3,
          ),
          cost_at_time: fixed(part.unitCost, 2),
          source: line.source,
          source_user_id: line.source === 'wallet' ? tech.id : null,
          source_location_id: line.locationId,
          source_bin: line.bin,
          consumed_by_user_id: tech.id,
          consumed_at: ctx.at(usedAt, 0),
        });
      }
    }
  });
  addOpenRequests(ctx, fleet, users, reporters, out);
  return out;
}

function consumable(
  org: Org,
  inventory: Inventory,
  rng: Rng,
  wallet: readonly WalletRec[],
  siteCode: string,
): { source: 'wallet' | 'warehouse'; part: number; locationId: string | null; bin: string | null } | null {
  if (wallet.length > 0 && rng.chance(0.5))
    return { source: 'wallet', part: rng.pick(wallet).part, locationId: null, bin: null };
  // A part whose first stock row sits in a warehouse of this site (or any warehouse).
  const local = org.warehouses.filter((w) => w.siteCode === siteCode);
  const w = rng.pick(local.length > 0 ? local : org.warehouses);
  const count = org.warehouses.length;
  const choices = Math.floor((inventory.stockedParts - 1 - w.index) / count) + 1;
  if (choices <= 0) return null;
  const at = inventory.firstPlacement(w.index + count * rng.int(0, Math.min(choices, 500) - 1));
  if (!at) return null;
  return { source: 'warehouse', part: at.part, locationId: at.warehouse.id, bin: at.bin };
}

interface RequestPlan {
  unit: AssetRec;
  reporter: UserRec;
  /** The supervisor who rejected or converted it. */
  triager: UserRec | undefined;
  description: string;
  reportedAt: number;
  convertedWo: string | null;
  rejection: string | null;
}

/** A service request, with a photo kept in the database for some of them (4 in 10). */
function addRequest(ctx: TenantCtx, out: MaintenanceRows, plan: RequestPlan, rng: Rng): void {
  const status = plan.convertedWo !== null ? 'converted' : plan.rejection !== null ? 'rejected' : 'pending';
  const id = ctx.id('service_request', out.requests.length);
  const updated = ctx.at(
    Math.max(0.01, plan.reportedAt - (status === 'pending' ? 0 : rng.float(0.01, 1))),
    0,
  );
  out.requests.push({
    id,
    tenant_id: ctx.tenantId,
    asset_id: plan.unit.id,
    reported_by_user_id: plan.reporter.id,
    description: plan.description,
    photo_url: null,
    status,
    converted_wo_id: plan.convertedWo,
    rejection_reason: plan.rejection,
    created_at: ctx.at(plan.reportedAt, 0),
    updated_at: updated,
    triaged_by_user_id: status === 'pending' ? null : (plan.triager?.id ?? null),
    triaged_at: status === 'pending' ? null : updated,
  });
  if (rng.chance(0.4)) {
    const bytes = demoPhoto(ctx.rng('request-photo', out.photos.length));
    out.photos.push({
      id: ctx.id('service_request_photo', out.photos.length),
      tenant_id: ctx.tenantId,
      request_id: id,
      content_type: 'image/png',
      bytes: `\\x${bytes.toString('hex')}`,
      byte_size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
}

/** Requests still waiting for triage, and ones that were rejected with a reason. */
function addOpenRequests(
  ctx: TenantCtx,
  fleet: Fleet,
  users: readonly UserRec[],
  reporters: (site: string) => UserRec[],
  out: MaintenanceRows,
): void {
  const rng = ctx.rng('service-requests');
  const live = fleet.units.filter((u) => u.status !== 'disposed');
  const count = Math.max(3, Math.round(live.length * 0.25));
  for (let i = 0; i < count; i++) {
    const unit = rng.pick(live);
    const rejected = i === 0 ? true : i === 1 ? false : rng.chance(0.4);
    const reportedAt = rejected ? rng.float(1, 60) : rng.float(0.05, 6);
    const reporter = rng.pick(reporters(unit.siteCode));
    const reason = rejected ? rng.pick(REJECTION_REASONS) : null;
    const triager = rng.pick(usersAt(users, 'supervisor', unit.siteCode));
    addRequest(
      ctx,
      out,
      {
        unit,
        reporter,
        triager,
        description: rng.pick(workTexts(unit.kind.prefix).faults),
        reportedAt,
        convertedWo: null,
        rejection: reason,
      },
      rng,
    );
  }
  addTriageQueues(ctx, live, reporters, out);
}

/**
 * Each site's triage queue shows a morning's reports: three more waiting, one on a machine whose
 * work order is open and two on the same machine, so the Requests screen has possible
 * duplicates to show.
 */
function addTriageQueues(
  ctx: TenantCtx,
  live: readonly AssetRec[],
  reporters: (site: string) => UserRec[],
  out: MaintenanceRows,
): void {
  const rng = ctx.rng('triage-queues');
  const open = new Set(
    out.workOrders
      .filter((w) => w.status === 'draft' || w.status === 'ready' || w.status === 'in_progress')
      .map((w) => w.asset_id),
  );
  const sites = [...new Set(live.map((u) => u.siteCode))].sort();
  for (const site of sites) {
    const units = live.filter((u) => u.siteCode === site);
    const withWork = units.find((u) => open.has(u.id));
    const twice = rng.pick(units);
    for (const unit of [withWork ?? rng.pick(units), twice, twice]) {
      const faults = workTexts(unit.kind.prefix).faults;
      addRequest(
        ctx,
        out,
        {
          unit,
          reporter: rng.pick(reporters(site)),
          triager: undefined,
          description: rng.pick(faults),
          reportedAt: rng.float(0.02, 0.6),
          convertedWo: null,
          rejection: null,
        },
        rng,
      );
    }
  }
}
