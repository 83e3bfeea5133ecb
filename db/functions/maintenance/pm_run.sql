-- The PM engine over every schedule (of one tenant, or of all) as of a day: what `amms pm run` and
-- the `amms server` process call on a schedule, safe to call as often as anyone likes. Assets
-- without usage figures get them first (from their samples, or their daily logs); then every
-- asset with a schedule that is due or nearly due without a work order goes through
-- pm_run_asset (in asset order, so two runs never deadlock; a second full run waits for the
-- first); last, every schedule's evaluation is stored where it changed. Returns the generated
-- work orders.
CREATE OR REPLACE FUNCTION amms_private.pm_run(p_as_of date, p_tenant uuid DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a record;
  generated jsonb := '[]'::jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('amms.pm.run'), 0);

  FOR a IN SELECT m.tenant_id, array_agg(m.asset_id ORDER BY m.asset_id) AS assets
             FROM asset_meters m
            WHERE (p_tenant IS NULL OR m.tenant_id = p_tenant)
              AND NOT EXISTS (SELECT 1 FROM asset_usage u WHERE u.asset_id = m.asset_id)
            GROUP BY m.tenant_id LOOP
    PERFORM amms_private.pm_backfill_meter_days(a.tenant_id, a.assets);
    INSERT INTO amms_private.pm_meter_days (tenant_id, asset_id, day, run_hours, odometer)
    SELECT m.tenant_id, m.asset_id, m.last_updated_at::date, m.current_run_hours, m.current_odometer
      FROM asset_meters m WHERE m.asset_id = ANY (a.assets)
    ON CONFLICT (asset_id, day) DO NOTHING;
    PERFORM amms_private.pm_refresh_usage(a.tenant_id, a.assets);
  END LOOP;

  UPDATE pm_schedules s SET suppressed_by_schedule_id = NULL
   WHERE (p_tenant IS NULL OR s.tenant_id = p_tenant) AND s.suppressed_by_schedule_id IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM work_orders o
        WHERE o.tenant_id = s.tenant_id AND o.pm_schedule_id = s.suppressed_by_schedule_id
          AND o.status IN ('draft', 'ready', 'in_progress'));

  FOR a IN SELECT DISTINCT e.tenant_id, e.asset_id
             FROM amms_private.pm_evaluate(p_tenant, NULL, p_as_of) e
            WHERE e.is_due AND e.open_wo_id IS NULL AND e.suppressed_by IS NULL
            ORDER BY e.asset_id LOOP
    generated := generated || amms_private.pm_run_asset(a.tenant_id, a.asset_id, p_as_of);
  END LOOP;

  PERFORM amms_private.pm_store(p_tenant, NULL, p_as_of);
  RETURN generated;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_run(date, uuid) FROM PUBLIC;
