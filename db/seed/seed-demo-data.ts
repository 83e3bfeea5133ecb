// `amms db seed`: deterministic demo data for two tenants (Acme, mining and plant hire; Globex,
// logistics), loaded in one transaction with COPY. The same seed gives the same ids and content;
// dates are relative to the anchor day (today unless given). Seeding a database that already has
// a demo tenant fails and changes nothing.
import pg from 'pg';
import { hashPassword } from '../auth/password-hash.ts';
import { bulkLoad, prepareBulkSession } from './bulk-load.ts';
import { anchorDay, TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import { assetRows, buildFleet, identityRows, meterRows, specRows, syncComponents } from './gen-assets.ts';
import { Inventory } from './gen-inventory.ts';
import { buildLogistics } from './gen-logistics.ts';
import { buildMaintenance } from './gen-maintenance.ts';
import { buildDailyLogs, buildPmSchedules, pmScheduleRows } from './gen-ops.ts';
import {
  buildOrg,
  buildUsers,
  locationRows,
  tenantRows,
  USER_ROLES,
  userRows,
  type UserRec,
} from './gen-org.ts';
import { IdMint } from './prng.ts';
import type { SeedScale } from './scale.ts';
import { SEED_TABLES } from './tables.ts';
import { splitStockRows, TENANTS, tenantVolumes } from './tenants-plan.ts';

export { parseScale, MAX_STOCK_ROWS, type SeedScale } from './scale.ts';

export interface SeedProgress {
  step: string;
  rows?: number;
}
export interface SeedLogin {
  tenantSlug: string;
  email: string;
  password: string;
  role: string;
}
export interface SeedResult {
  summary: string;
  logins: SeedLogin[];
  sites: { tenantSlug: string; code: string }[];
}

export interface SeedOptions {
  url: string;
  scale: SeedScale;
  seed: number;
  onProgress?: (p: SeedProgress) => void;
  /** Anchor day (YYYY-MM-DD) the demo dates are relative to; default today (UTC). */
  today?: string;
  /** Tables of at least this many rows get the rebuild-around-COPY fast path (see bulk-load.ts). */
  fastLoadMinRows?: number;
}

/** Every demo user's password (at least 8 characters, as the station requires). */
export const DEMO_PASSWORD = 'demo-pass-1';

export const DEMO_TENANT_SLUGS: readonly string[] = TENANTS.map((t) => t.slug);

interface TenantWorld {
  ctx: TenantCtx;
  users: UserRec[];
  sites: string[];
  tables: Record<string, { rows: () => Iterable<CopyRow>; count: number }>;
}

/** Generates one tenant's data; the big tables stay lazy. */
function buildTenant(ctx: TenantCtx, passwordHash: string): TenantWorld {
  const org = buildOrg(ctx);
  const fleet = buildFleet(ctx, org);
  const unitsPerSite = new Map<string, number>();
  for (const u of fleet.units) unitsPerSite.set(u.siteCode, (unitsPerSite.get(u.siteCode) ?? 0) + 1);
  const users = buildUsers(ctx, org, unitsPerSite);
  const inventory = new Inventory(ctx, org);
  const logistics = buildLogistics(ctx, org, fleet, users, inventory);
  syncComponents(fleet);
  const logs = buildDailyLogs(ctx, fleet, users);
  const schedules = buildPmSchedules(ctx, fleet, logs.totals);
  const wallets = inventory.buildWallets(users);
  const work = buildMaintenance(ctx, org, fleet, users, schedules, inventory, wallets);
  const rows = (list: CopyRow[]) => ({ rows: () => list, count: list.length });
  return {
    ctx,
    users,
    sites: org.sites.map((s) => s.code),
    tables: {
      tenants: rows(tenantRows(ctx)),
      locations: rows(locationRows(ctx, org)),
      users: rows(userRows(ctx, users, passwordHash)),
      parts: { rows: () => inventory.partRows(), count: inventory.partCount },
      inventory_stock: { rows: () => inventory.stockRowsIter(), count: inventory.stockRows },
      inventory_wallets: rows(inventory.walletRows(wallets)),
      assets: rows(assetRows(ctx, fleet)),
      asset_identities: rows(identityRows(ctx, fleet)),
      asset_meters: rows(meterRows(ctx, fleet, logs.totals)),
      asset_specs: rows(specRows(ctx, fleet)),
      pm_schedules: rows(pmScheduleRows(ctx, schedules)),
      work_orders: rows(work.workOrders),
      wo_tasks: rows(work.tasks),
      service_requests: rows(work.requests),
      wo_consumables: rows(work.consumables),
      shipments: rows(logistics.shipments),
      asset_movements: rows(logistics.movements),
      shipment_part_lines: rows(logistics.partLines),
      shipment_seals: rows(logistics.seals),
      shipment_receipt_lines: rows(logistics.receipts),
      shipment_discrepancies: rows(logistics.discrepancies),
      daily_logs: rows(logs.rows),
    },
  };
}

function* counted(worlds: readonly TenantWorld[], table: string, counts: number[]): Generator<CopyRow> {
  for (const [i, world] of worlds.entries()) {
    const make = world.tables[table];
    if (!make) throw new Error(`Seed: no generator for ${table}`);
    for (const row of make.rows()) {
      counts[i] = (counts[i] ?? 0) + 1;
      yield row;
    }
  }
}

async function checkDatabase(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ migrated: boolean; privileged: boolean | null; who: string }>(
    `SELECT to_regclass('public.tenants') IS NOT NULL AS migrated, session_user AS who,
            (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user) AS privileged`,
  );
  const info = rows[0];
  if (!info?.migrated) {
    throw new Error('The database has no AMMS schema yet: run `amms db migrate --url ...` first.');
  }
  if (!info.privileged) {
    throw new Error(
      `amms db seed needs the admin connection (a superuser or a role with BYPASSRLS); '${info.who}' is neither.`,
    );
  }
  const existing = await client.query<{ slug: string }>(
    'SELECT slug FROM tenants WHERE slug = ANY($1::text[]) ORDER BY slug',
    [DEMO_TENANT_SLUGS],
  );
  if (existing.rows.length > 0) {
    const slugs = existing.rows.map((r) => r.slug).join(', ');
    throw new Error(
      `The database already has the demo tenant(s) ${slugs}; nothing was changed. Seed a fresh database (amms db migrate on an empty one) instead.`,
    );
  }
}

export async function seedDemoData(options: SeedOptions): Promise<SeedResult> {
  const { scale, seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`The seed must be a whole number >= 0, not ${seed}.`);
  }
  const report = options.onProgress ?? (() => undefined);
  const today = anchorDay(options.today);
  report({ step: 'hashing the demo password' });
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const client = new pg.Client({ connectionString: options.url, application_name: 'amms db seed' });
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['amms.seed']);
      await checkDatabase(client);
      await prepareBulkSession(client);
      const mint = new IdMint(seed);
      const shares = splitStockRows(scale.stockRows);
      const worlds = TENANTS.map((plan, i) => {
        report({ step: `generating ${plan.slug}` });
        const ctx = new TenantCtx(seed, mint, plan, tenantVolumes(shares[i] ?? 0), today);
        return buildTenant(ctx, passwordHash);
      });
      const totals = new Map<string, number[]>();
      for (const spec of SEED_TABLES) {
        const counts = worlds.map(() => 0);
        const started = performance.now();
        const expected = worlds.reduce((n, w) => n + (w.tables[spec.table]?.count ?? 0), 0);
        const loaded = await bulkLoad(
          client,
          spec,
          counted(worlds, spec.table, counts),
          expected,
          options.fastLoadMinRows ?? 20_000,
          worlds.map((w) => w.ctx.tenantId),
          (step) => {
            report({ step });
          },
        );
        if (loaded !== expected || counts.reduce((a, b) => a + b, 0) !== expected) {
          throw new Error(`Seed: COPY into ${spec.table} stored ${loaded} of ${expected} rows`);
        }
        totals.set(spec.table, counts);
        report({
          step: `${spec.table} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          rows: loaded,
        });
      }
      await writeAuditRows(client, worlds, totals, seed, scale);
      report({ step: 'committing' });
      await client.query('COMMIT');
      return result(worlds, totals, seed, scale);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** One 'bulk_load' audit row per tenant and table instead of one per row. */
async function writeAuditRows(
  client: pg.ClientBase,
  worlds: readonly TenantWorld[],
  totals: Map<string, number[]>,
  seed: number,
  scale: SeedScale,
): Promise<void> {
  const tenantIds: string[] = [];
  const tables: string[] = [];
  const changes: string[] = [];
  for (const spec of SEED_TABLES) {
    worlds.forEach((world, i) => {
      const rows = totals.get(spec.table)?.[i] ?? 0;
      if (rows === 0) return;
      tenantIds.push(world.ctx.tenantId);
      tables.push(spec.table);
      changes.push(
        JSON.stringify({
          rows,
          seed,
          scale: scale.name,
          stock_rows: scale.stockRows,
          source: 'amms db seed',
        }),
      );
    });
  }
  await client.query(
    `INSERT INTO audit_logs (tenant_id, action, entity_type, entity_id, changes)
     SELECT t, 'bulk_load', e, NULL, c FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS u(t, e, c)`,
    [tenantIds, tables, changes],
  );
}

function result(
  worlds: readonly TenantWorld[],
  totals: Map<string, number[]>,
  seed: number,
  scale: SeedScale,
): SeedResult {
  const sum = (table: string): string =>
    (totals.get(table) ?? []).reduce((a, b) => a + b, 0).toLocaleString('en-US');
  const logins: SeedLogin[] = [];
  for (const world of worlds) {
    for (const role of USER_ROLES) {
      const user = world.users.find((u) => u.role === role);
      if (user) logins.push({ tenantSlug: world.ctx.slug, email: user.email, password: DEMO_PASSWORD, role });
    }
  }
  const summary =
    `2 demo tenants (${worlds.map((w) => w.ctx.slug).join(', ')}; scale ${scale.name}, seed ${seed}): ` +
    `${sum('inventory_stock')} stock rows, ${sum('parts')} parts, ${sum('assets')} assets, ` +
    `${sum('work_orders')} work orders, ${sum('daily_logs')} daily logs, ${sum('users')} users`;
  return {
    summary,
    logins,
    sites: worlds.flatMap((w) => w.sites.map((code) => ({ tenantSlug: w.ctx.slug, code }))),
  };
}
