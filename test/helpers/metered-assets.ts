// Many metered assets at one site, with weeks of daily-log history, for the daily log grid's
// end-to-end test and benchmark: each gets a client code (prefix-0001...), a name, a category, a
// location of the site, an hour meter, a fuel tank in its specs and `days` days of logs up to two
// days before today (up to yesterday with `throughYesterday`) (a normal of its own, so its anomaly bands mean something). Written as the
// admin in one transaction, as a privileged bulk load (the demo's submitted days do not refuse the
// history; see migration 0014).
import pg from 'pg';

export interface MeteredAssetsOptions {
  adminUrl: string;
  tenantSlug: string;
  siteCode: string;
  count: number;
  prefix: string;
  days: number;
  /** Logs up to yesterday instead of the day before (rows whose yesterday can be copied). */
  throughYesterday?: boolean;
}

export async function addMeteredAssets(options: MeteredAssetsOptions): Promise<void> {
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL amms.bulk_load = 'on'`);
    const params = [options.tenantSlug, options.siteCode, options.count, options.prefix, options.days];
    await client.query(
      `WITH site AS (
         SELECT t.id AS tenant_id, l.id AS site_id FROM tenants t JOIN locations l ON l.tenant_id = t.id
          WHERE t.slug = $1 AND l.code = $2),
       homes AS (
         SELECT row_number() OVER (ORDER BY l.code) - 1 AS n, count(*) OVER () AS k, l.id
           FROM locations l, site WHERE l.site_id = site.site_id AND l.type <> 'warehouse')
       INSERT INTO assets (tenant_id, location_id, name, category, make, model, status)
       SELECT site.tenant_id, h.id,
              (ARRAY['Excavator', 'Wheel loader', 'Dump truck', 'Generator'])[1 + i % 4] || ' ' || $4 || '-' || lpad(i::text, 4, '0'),
              (ARRAY['Earthmoving', 'Earthmoving', 'Haulage', 'Power'])[1 + i % 4], 'Bench', 'B' || (i % 4), 'in_service'
         FROM site, generate_series(1, $3::int) AS i
         JOIN homes h ON h.n = i % h.k`,
      params.slice(0, 4),
    );
    await client.query(
      `WITH site AS (SELECT t.id AS tenant_id FROM tenants t WHERE t.slug = $1),
            fleet AS (SELECT a.id, a.tenant_id, substring(a.name from '[^ ]+$') AS code,
                             (regexp_match(a.name, '-([0-9]+)$'))[1]::int AS i
                        FROM assets a, site WHERE a.tenant_id = site.tenant_id AND a.make = 'Bench'
                         AND a.name LIKE '%' || $2 || '-%')
       , ids AS (INSERT INTO asset_identities (tenant_id, asset_id, client_code)
                 SELECT tenant_id, id, code FROM fleet RETURNING asset_id)
       , specs AS (INSERT INTO asset_specs (tenant_id, asset_id, specs)
                   SELECT tenant_id, id, jsonb_build_object('fuel_tank_litres', 400 + (i % 4) * 200) FROM fleet
                   RETURNING asset_id)
       , logs AS (INSERT INTO daily_logs (tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added)
                  SELECT f.tenant_id, current_date - d, u.id, f.id,
                         least(24, 6 + (i % 7) + ((d * 7 + i) % 3))::numeric,
                         least(24, 6 + (i % 7) + ((d * 7 + i) % 3)) * (15 + i % 10)
                    FROM fleet f CROSS JOIN generate_series($4::int, $4::int - 1 + $3::int) AS d
                    JOIN LATERAL (SELECT id FROM users WHERE tenant_id = f.tenant_id AND role = 'supervisor'
                                   ORDER BY email LIMIT 1) u ON true
                  RETURNING asset_id, run_hours_added)
       INSERT INTO asset_meters (tenant_id, asset_id, current_run_hours, last_updated_at)
       SELECT f.tenant_id, f.id, 1000 + f.i + coalesce((SELECT sum(l.run_hours_added) FROM logs l WHERE l.asset_id = f.id), 0),
              now() - interval '2 days'
         FROM fleet f`,
      [options.tenantSlug, options.prefix, options.days, options.throughYesterday ? 1 : 2],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
