-- Meter samples from the daily logs of the 120 days up to the meter's last reading, for assets that
-- have no sample yet (a database from before the engine, or demo data loaded in bulk): the
-- run-hour meter at the end of each logged day is the meter minus the hours logged on later days. p_assets NULL: every
-- asset of the tenant (or of every tenant).
CREATE OR REPLACE FUNCTION amms_private.pm_backfill_meter_days(p_tenant uuid, p_assets uuid[]) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO amms_private.pm_meter_days (tenant_id, asset_id, day, run_hours)
  SELECT x.tenant_id, x.asset_id, x.date, greatest(0, x.meter - x.later)
    FROM (
      SELECT l.tenant_id, l.asset_id, l.date, m.current_run_hours AS meter,
             coalesce(sum(l.run_hours_added) OVER (PARTITION BY l.asset_id ORDER BY l.date DESC
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS later
        FROM daily_logs l
        JOIN asset_meters m ON m.asset_id = l.asset_id AND m.tenant_id = l.tenant_id
       WHERE (p_tenant IS NULL OR l.tenant_id = p_tenant)
         AND (p_assets IS NULL OR l.asset_id = ANY (p_assets))
         AND l.date BETWEEN m.last_updated_at::date - 120 AND m.last_updated_at::date
         AND NOT EXISTS (SELECT 1 FROM amms_private.pm_meter_days p WHERE p.asset_id = l.asset_id)
    ) x
  ON CONFLICT (asset_id, day) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_backfill_meter_days(uuid, uuid[]) FROM PUBLIC;
