-- Average daily use of the given assets' meters, into asset_usage: over the samples of up to 90
-- days before an asset's latest sample, (last value - first value) / days between them, when they
-- are at least 7 days apart (otherwise unknown). A row is written for every given asset, and
-- only changed rows are updated.
CREATE OR REPLACE FUNCTION amms_private.pm_refresh_usage(p_tenant uuid, p_assets uuid[]) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  INSERT INTO asset_usage AS u (id, tenant_id, asset_id, run_hours_per_day, run_hours_days, odometer_per_day,
    odometer_days)
  SELECT amms_private.name_uuid('asset_usage:' || a.id), p_tenant, a.id,
         CASE WHEN g.r1d - g.r0d >= 7 THEN round(greatest(g.r1 - g.r0, 0) / (g.r1d - g.r0d), 2) END,
         CASE WHEN g.r1d - g.r0d >= 7 THEN g.r1d - g.r0d END,
         CASE WHEN g.o1d - g.o0d >= 7 THEN round(greatest(g.o1 - g.o0, 0) / (g.o1d - g.o0d), 1) END,
         CASE WHEN g.o1d - g.o0d >= 7 THEN g.o1d - g.o0d END
    FROM assets a
    LEFT JOIN LATERAL (
      SELECT min(p.day) FILTER (WHERE p.run_hours IS NOT NULL) AS r0d,
             max(p.day) FILTER (WHERE p.run_hours IS NOT NULL) AS r1d,
             (array_agg(p.run_hours ORDER BY p.day) FILTER (WHERE p.run_hours IS NOT NULL))[1] AS r0,
             (array_agg(p.run_hours ORDER BY p.day DESC) FILTER (WHERE p.run_hours IS NOT NULL))[1] AS r1,
             min(p.day) FILTER (WHERE p.odometer IS NOT NULL) AS o0d,
             max(p.day) FILTER (WHERE p.odometer IS NOT NULL) AS o1d,
             (array_agg(p.odometer ORDER BY p.day) FILTER (WHERE p.odometer IS NOT NULL))[1] AS o0,
             (array_agg(p.odometer ORDER BY p.day DESC) FILTER (WHERE p.odometer IS NOT NULL))[1] AS o1
        FROM amms_private.pm_meter_days p
       WHERE p.asset_id = a.id
         AND p.day >= (SELECT max(q.day) FROM amms_private.pm_meter_days q WHERE q.asset_id = a.id) - 90
    ) g ON true
   WHERE a.tenant_id = p_tenant AND a.id = ANY (p_assets)
  ON CONFLICT (asset_id) DO UPDATE
    SET run_hours_per_day = EXCLUDED.run_hours_per_day, run_hours_days = EXCLUDED.run_hours_days,
        odometer_per_day = EXCLUDED.odometer_per_day, odometer_days = EXCLUDED.odometer_days
    WHERE (u.run_hours_per_day, u.run_hours_days, u.odometer_per_day, u.odometer_days)
          IS DISTINCT FROM (EXCLUDED.run_hours_per_day, EXCLUDED.run_hours_days, EXCLUDED.odometer_per_day,
                            EXCLUDED.odometer_days);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_refresh_usage(uuid, uuid[]) FROM PUBLIC;
