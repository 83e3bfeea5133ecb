// Organisation of one tenant: the tenant row, its location tree (sites, buildings, rooms, areas,
// warehouses with a bin layout) and its users of every role.
import type { CopyRow } from './copy-rows.ts';
import type { TenantCtx } from './context.ts';
import { EmailBook, personName } from './names.ts';
import type { LocationType } from './tenants-plan.ts';

export const USER_ROLES = [
  'admin',
  'manager',
  'supervisor',
  'storekeeper',
  'logistics_clerk',
  'technician',
  'operator',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface LocationRec {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  siteId: string;
  siteCode: string;
}

export interface Warehouse {
  index: number;
  id: string;
  code: string;
  siteCode: string;
  aisles: number;
  racks: number;
  levels: number;
  bins: number;
}

export interface UserRec {
  id: string;
  role: UserRole;
  email: string;
  fullName: string;
  siteCode: string | null;
  siteId: string | null;
  badge: string | null;
}

export interface Org {
  locations: LocationRec[];
  byCode: Map<string, LocationRec>;
  sites: LocationRec[];
  warehouses: Warehouse[];
}

export function buildOrg(ctx: TenantCtx): Org {
  const byCode = new Map<string, LocationRec>();
  const locations: LocationRec[] = [];
  ctx.plan.locations.forEach((plan, i) => {
    const parent = plan.parent === null ? undefined : byCode.get(plan.parent);
    if (plan.parent !== null && !parent) throw new Error(`Seed plan: ${plan.code} before its parent`);
    const id = ctx.id('location', i);
    const rec: LocationRec = {
      id,
      code: plan.code,
      name: plan.name,
      type: plan.type,
      parentId: parent?.id ?? null,
      siteId: parent?.siteId ?? id,
      siteCode: parent?.siteCode ?? plan.code,
    };
    byCode.set(plan.code, rec);
    locations.push(rec);
  });
  const warehouseLocs = locations.filter((l) => l.type === 'warehouse');
  // Enough bins that each holds a handful of stock lines: 'A-01-03' is aisle A, rack 01, level 03.
  const perWarehouse = ctx.vol.stockRows / warehouseLocs.length;
  const wantedBins = Math.min(26 * 99 * 6, Math.max(40, Math.ceil(perWarehouse / 6)));
  const levels = 6;
  const aisles = Math.min(26, Math.max(2, Math.ceil(Math.sqrt(wantedBins / levels / 2))));
  const racks = Math.min(99, Math.max(2, Math.ceil(wantedBins / (levels * aisles))));
  const warehouses = warehouseLocs.map((l, index) => ({
    index,
    id: l.id,
    code: l.code,
    siteCode: l.siteCode,
    aisles,
    racks,
    levels,
    bins: aisles * racks * levels,
  }));
  return { locations, byCode, sites: locations.filter((l) => l.type === 'site'), warehouses };
}

/** The label of bin number `n` of a warehouse: A-01-01, A-01-02, ... */
export function binLabel(w: Warehouse, n: number): string {
  const level = n % w.levels;
  const rack = Math.floor(n / w.levels) % w.racks;
  const aisle = Math.floor(n / (w.levels * w.racks)) % w.aisles;
  return `${String.fromCharCode(65 + aisle)}-${String(rack + 1).padStart(2, '0')}-${String(level + 1).padStart(2, '0')}`;
}

export function tenantRows(ctx: TenantCtx): CopyRow[] {
  return [
    {
      id: ctx.tenantId,
      slug: ctx.slug,
      name: ctx.plan.name,
      settings: { agile_mode: ctx.plan.agileMode, industry: ctx.plan.industry, demo: true },
    },
  ];
}

export function locationRows(ctx: TenantCtx, org: Org): CopyRow[] {
  return org.locations.map((l) => ({
    id: l.id,
    tenant_id: ctx.tenantId,
    parent_id: l.parentId,
    name: l.name,
    type: l.type,
    code: l.code,
    site_id: l.siteId,
  }));
}

const BADGE_LETTER: Partial<Record<UserRole, string>> = { technician: 'T', storekeeper: 'S', operator: 'O' };

/** Users of every role: head office plus, per site, supervisors, clerks, storekeepers, technicians, operators. */
export function buildUsers(ctx: TenantCtx, org: Org, unitsPerSite: Map<string, number>): UserRec[] {
  const rng = ctx.rng('users');
  const emails = new EmailBook(ctx.plan.emailDomain);
  const users: UserRec[] = [];
  const badgeSeq = new Map<string, number>();
  const add = (role: UserRole, site: LocationRec | null): void => {
    const name = personName(rng, ctx.plan.region);
    const letter = BADGE_LETTER[role];
    let badge: string | null = null;
    if (letter !== undefined) {
      const n = (badgeSeq.get(letter) ?? 0) + 1;
      badgeSeq.set(letter, n);
      badge = `${ctx.plan.badgePrefix}-${letter}${String(n).padStart(4, '0')}`;
    }
    users.push({
      id: ctx.id('user', users.length),
      role,
      email: emails.take(name.first, name.last),
      fullName: name.full,
      siteCode: site?.code ?? null,
      siteId: site?.id ?? null,
      badge,
    });
  };
  const head = org.sites[0] ?? null;
  add('admin', null);
  add('manager', head);
  add('manager', null);
  for (const site of org.sites) {
    const units = unitsPerSite.get(site.code) ?? 0;
    const warehouses = org.warehouses.filter((w) => w.siteCode === site.code).length;
    for (let i = 0; i < Math.max(1, Math.ceil(units / 40)); i++) add('supervisor', site);
    add('logistics_clerk', site);
    for (let i = 0; i < Math.max(1, warehouses); i++) add('storekeeper', site);
    for (let i = 0; i < Math.max(2, Math.ceil(units / 8)); i++) add('technician', site);
    for (let i = 0; i < Math.max(2, Math.ceil(units / 6)); i++) add('operator', site);
  }
  return users;
}

export function userRows(ctx: TenantCtx, users: readonly UserRec[], passwordHash: string): CopyRow[] {
  return users.map((u) => ({
    id: u.id,
    tenant_id: ctx.tenantId,
    email: u.email,
    full_name: u.fullName,
    role: u.role,
    password_hash: passwordHash,
    badge_code: u.badge,
    site_id: u.siteId,
  }));
}

/** Users of a role, those at the site first (falls back to the whole tenant). */
export function usersAt(users: readonly UserRec[], role: UserRole, siteCode: string | null): UserRec[] {
  const all = users.filter((u) => u.role === role);
  const here = all.filter((u) => u.siteCode === siteCode);
  return here.length > 0 ? here : all;
}
