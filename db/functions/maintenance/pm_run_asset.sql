-- The PM engine for one asset as of a day, under the asset's lock (every change to the asset's
-- PM state takes it first, so two stations, a periodic run and a completion never interleave):
--  1. a suppression whose bigger service has no open work order any more is lifted;
--  2. a schedule that is due (or nearly) and has no work order of its own is folded into the open
--     work order of a bigger service of its group, if there is one;
--  3. while a schedule is due without a work order: the biggest service of its group that is
--     due or nearly due (at least as big as it) gets a work order, folding the smaller ones;
--  4. the schedules' evaluation (due date, meter, forecast, why) is stored.
-- Generating is keyed on (schedule, cycle) and needs the schedule to have no open work order, so
-- running this again, at once or later, generates nothing more. Returns the generated work orders.
CREATE OR REPLACE FUNCTION amms_private.pm_run_asset(p_tenant uuid, p_asset uuid, p_as_of date) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  states amms_private.pm_state[];
  r amms_private.pm_state;
  b amms_private.pm_state;
  w amms_private.pm_state;
  generated jsonb := '[]'::jsonb;
  changed boolean := false;
  rounds integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('amms.pm'), hashtext(p_asset::text));

  UPDATE pm_schedules s SET suppressed_by_schedule_id = NULL
   WHERE s.tenant_id = p_tenant AND s.asset_id = p_asset AND s.suppressed_by_schedule_id IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM work_orders o
        WHERE o.tenant_id = p_tenant AND o.pm_schedule_id = s.suppressed_by_schedule_id
          AND o.status IN ('draft', 'ready', 'in_progress'));

  states := ARRAY(SELECT e FROM amms_private.pm_evaluate(p_tenant, ARRAY[p_asset], p_as_of) e);

  FOR r IN SELECT * FROM unnest(states) x
            WHERE (x.is_due OR x.is_soon) AND x.open_wo_id IS NULL AND x.suppressed_by IS NULL
            ORDER BY x.size, x.schedule_id LOOP
    SELECT * INTO b FROM unnest(states) y
     WHERE y.grp = r.grp AND y.size > r.size AND y.open_wo_id IS NOT NULL AND y.suppressed_by IS NULL AND y.active
     ORDER BY y.size DESC, y.schedule_id LIMIT 1;
    IF FOUND THEN
      UPDATE pm_schedules SET suppressed_by_schedule_id = b.schedule_id WHERE id = r.schedule_id;
      UPDATE work_orders
         SET pm_why = concat_ws(' ', pm_why, format('The %s was folded into it on %s (%s).', r.name, p_as_of,
               coalesce(r.reason, 'due ' || r.next_text)))
       WHERE id = b.open_wo_id;
      changed := true;
    END IF;
  END LOOP;
  IF changed THEN
    states := ARRAY(SELECT e FROM amms_private.pm_evaluate(p_tenant, ARRAY[p_asset], p_as_of) e);
  END IF;

  LOOP
    SELECT * INTO r FROM unnest(states) x
     WHERE x.is_due AND x.open_wo_id IS NULL AND x.suppressed_by IS NULL
     ORDER BY x.size DESC, x.schedule_id LIMIT 1;
    EXIT WHEN NOT FOUND;
    rounds := rounds + 1;
    IF rounds > 50 THEN
      RAISE EXCEPTION 'PM engine: no progress on asset % (schedule % stays due)', p_asset, r.schedule_id;
    END IF;
    SELECT * INTO w FROM unnest(states) x
     WHERE x.grp = r.grp AND x.active AND (x.is_due OR x.is_soon) AND x.open_wo_id IS NULL
       AND x.suppressed_by IS NULL AND x.size >= r.size
     ORDER BY x.size DESC, x.is_due DESC, (x.schedule_id = r.schedule_id) DESC, x.schedule_id LIMIT 1;
    generated := generated || amms_private.pm_generate(w, r, states, p_as_of);
    states := ARRAY(SELECT e FROM amms_private.pm_evaluate(p_tenant, ARRAY[p_asset], p_as_of) e);
  END LOOP;

  PERFORM amms_private.pm_store(states);
  RETURN generated;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_run_asset(uuid, uuid, date) FROM PUBLIC;
