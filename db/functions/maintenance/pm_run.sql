-- The PM engine over every schedule (of one tenant, or of all) as of a day: what `amms pm run` and
-- the `amms server` process call on a schedule, safe to call as often as anyone likes. Per tenant:
-- assets without usage figures get them first (from their samples, or their daily logs); then the
-- schedules are evaluated a thousand assets at a time (in asset order, so two runs never deadlock;
-- a second full run waits for the first): every asset with a schedule that is due without a work
-- order goes through pm_run_asset, and the other assets' evaluations are stored where they
-- changed. Returns the generated work orders.
CREATE OR REPLACE FUNCTION amms_private.pm_run(p_as_of date, p_tenant uuid DEFAULT NULL::uuid) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_tenant uuid;
  v_missing uuid[];
  v_chunk uuid[];
  v_states amms_private.pm_state[];
  v_due uuid[];
  v_asset uuid;
  v_generated jsonb := '[]'::jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('amms.pm.run'), 0);
  FOR v_tenant IN SELECT t.id FROM tenants t WHERE p_tenant IS NULL OR t.id = p_tenant ORDER BY t.id LOOP
    SELECT array_agg(m.asset_id ORDER BY m.asset_id) INTO v_missing
      FROM asset_meters m
     WHERE m.tenant_id = v_tenant AND NOT EXISTS (SELECT 1 FROM asset_usage u WHERE u.asset_id = m.asset_id);
    IF v_missing IS NOT NULL THEN
      PERFORM amms_private.pm_backfill_meter_days(v_tenant, v_missing);
      INSERT INTO amms_private.pm_meter_days (tenant_id, asset_id, day, run_hours, odometer)
      SELECT m.tenant_id, m.asset_id, m.last_updated_at::date, m.current_run_hours, m.current_odometer
        FROM asset_meters m WHERE m.asset_id = ANY (v_missing)
      ON CONFLICT (asset_id, day) DO NOTHING;
      PERFORM amms_private.pm_refresh_usage(v_tenant, v_missing);
    END IF;

    UPDATE pm_schedules s SET suppressed_by_schedule_id = NULL
     WHERE s.tenant_id = v_tenant AND s.suppressed_by_schedule_id IS NOT NULL
       AND NOT EXISTS (
         SELECT 1 FROM work_orders o
          WHERE o.tenant_id = v_tenant AND o.pm_schedule_id = s.suppressed_by_schedule_id
            AND o.status IN ('draft', 'ready', 'in_progress'));

    FOR v_chunk IN
      SELECT array_agg(x.asset_id ORDER BY x.asset_id)
        FROM (SELECT a.asset_id, (row_number() OVER (ORDER BY a.asset_id) - 1) / 1000 AS chunk
                FROM (SELECT DISTINCT s.asset_id FROM pm_schedules s WHERE s.tenant_id = v_tenant) a) x
       GROUP BY x.chunk ORDER BY x.chunk
    LOOP
      v_states := ARRAY(SELECT e FROM amms_private.pm_evaluate(v_tenant, v_chunk, p_as_of) e);
      v_due := ARRAY(SELECT DISTINCT e.asset_id FROM unnest(v_states) e
                      WHERE e.is_due AND e.open_wo_id IS NULL AND e.suppressed_by IS NULL ORDER BY e.asset_id);
      FOREACH v_asset IN ARRAY v_due LOOP
        v_generated := v_generated || amms_private.pm_run_asset(v_tenant, v_asset, p_as_of);
      END LOOP;
      PERFORM amms_private.pm_store(ARRAY(SELECT e FROM unnest(v_states) e WHERE NOT (e.asset_id = ANY (v_due))));
    END LOOP;
  END LOOP;
  RETURN v_generated;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_run(date, uuid) FROM PUBLIC;
