-- The PM engine's view of schedules as of a day: for each schedule of the given assets of a tenant
-- (the full run asks for a thousand assets at a time) where its cycle counts from, when it falls
-- due by date and by meter (whichever comes first), whether it is due or nearly due, the forecast
-- date from the asset's average daily use, its open work order, the bigger service it is folded
-- into, and the sentence why.
--
--   base      = the last completion (or a skipped service's planned point, pm_schedules.base_*);
--               never done: 0 on the meter and the day the schedule was made
--   due date  = base date + interval_days          due meter = base meter + interval_meter
--   due       = due date <= as_of OR meter >= due meter
--   nearly    = within 10 % of the interval before either (can be folded into a bigger service)
--   forecast  = last reading's day + (due meter - meter) / average per day
--
-- A schedule is in a group with the other schedules of its asset in the same package that count
-- the same way (by the same meter, or by calendar only); without a package, the meter-based
-- schedules of one meter form a package and a calendar-only schedule is on its own. The bigger
-- service of a group (larger interval) includes the smaller ones.
CREATE OR REPLACE FUNCTION amms_private.pm_evaluate(p_tenant uuid, p_assets uuid[], p_as_of date)
RETURNS SETOF amms_private.pm_state
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
  -- A static query: PL/pgSQL keeps its plan for the session, so a meter change does not plan it
  -- again (planning this query costs more than running it for one asset).
  RETURN QUERY
    WITH s AS (
      SELECT s.id, s.tenant_id, s.asset_id, s.name, s.interval_days, s.interval_meter, s.meter, s.cycle,
             s.is_active AND a.status <> 'disposed' AS active, s.is_active, a.status = 'disposed' AS disposed,
             coalesce(s.package, CASE WHEN s.interval_meter IS NOT NULL THEN 'meter' END, s.id::text) || ':'
               || CASE WHEN s.interval_meter IS NULL THEN 'calendar' ELSE s.meter END AS grp,
             coalesce(s.interval_meter, s.interval_days::numeric) AS size,
             CASE s.meter WHEN 'odometer' THEN m.current_odometer ELSE m.current_run_hours END AS meter_now,
             m.last_updated_at::date AS meter_day,
             CASE s.meter WHEN 'odometer' THEN u.odometer_per_day ELSE u.run_hours_per_day END AS per_day,
             coalesce(s.base_date, s.last_performed_date, s.created_at::date) AS base_date,
             coalesce(s.base_meter, s.last_performed_meter, 0) AS base_meter,
             s.last_performed_date, s.last_performed_meter,
             (s.base_date IS NOT NULL AND s.base_date IS DISTINCT FROM s.last_performed_date)
               OR (s.base_meter IS NOT NULL AND s.base_meter IS DISTINCT FROM s.last_performed_meter) AS skipped,
             s.suppressed_by_schedule_id,
             CASE s.meter WHEN 'odometer' THEN ' km' ELSE ' h' END AS unit
        FROM pm_schedules s
        JOIN assets a ON a.id = s.asset_id
        LEFT JOIN asset_meters m ON m.asset_id = s.asset_id
        LEFT JOIN asset_usage u ON u.asset_id = s.asset_id
       WHERE s.tenant_id = p_tenant AND s.asset_id = ANY (p_assets)
    ), d AS (
      SELECT s.*, s.base_date + s.interval_days AS due_date, s.base_meter + s.interval_meter AS due_meter FROM s
    ), f AS (
      SELECT d.*,
             coalesce(d.due_date <= p_as_of, false) AS reached_date,
             coalesce(d.meter_now >= d.due_meter, false) AS reached_meter,
             coalesce(d.due_date - ceil(d.interval_days * 0.1)::integer <= p_as_of, false)
               OR coalesce(d.meter_now >= d.due_meter - d.interval_meter * 0.1, false) AS within,
             CASE WHEN d.due_meter IS NOT NULL AND d.meter_now < d.due_meter AND d.per_day > 0
                  THEN d.meter_day + ceil((d.due_meter - d.meter_now) / d.per_day)::integer END AS forecast_date,
             concat_ws(' and ',
               CASE WHEN d.interval_meter IS NOT NULL THEN amms_private.pm_num(d.base_meter) || d.unit END,
               CASE WHEN d.interval_days IS NOT NULL THEN d.base_date::text END) AS base_point
        FROM d
    ), t AS (
      SELECT f.*, w.id AS open_wo_id, w.code AS open_wo_code, w.status AS open_wo_status,
             bw.code AS suppressor_wo_code, sb.name AS suppressor_name,
             nullif(concat_ws(' and ',
               CASE WHEN f.reached_meter THEN format('%s%s reached at %s%s (due at %s%s)',
                 amms_private.pm_num(f.interval_meter), f.unit, amms_private.pm_num(f.meter_now), f.unit,
                 amms_private.pm_num(f.due_meter), f.unit) END,
               CASE WHEN f.reached_date THEN format('%s days since %s passed on %s',
                 f.interval_days, f.base_date, f.due_date) END), '') AS reason,
             concat_ws(' or ',
               CASE WHEN f.interval_meter IS NOT NULL THEN format('at %s%s (%s)',
                 amms_private.pm_num(f.due_meter), f.unit,
                 CASE WHEN f.meter_now IS NULL THEN 'no meter reading yet'
                      ELSE concat('now ', amms_private.pm_num(f.meter_now), f.unit,
                        CASE WHEN f.forecast_date IS NOT NULL THEN format(', about %s%s a day: around %s',
                          amms_private.pm_num(round(f.per_day, 1)), f.unit, f.forecast_date) END) END) END,
               CASE WHEN f.interval_days IS NOT NULL THEN format('on %s', f.due_date) END)
               || CASE WHEN f.interval_meter IS NOT NULL AND f.interval_days IS NOT NULL
                       THEN ', whichever comes first' ELSE '' END AS next_text,
             CASE
               WHEN f.last_performed_date IS NULL AND f.last_performed_meter IS NULL AND f.skipped
                 THEN format('never done on record; counted from a skipped service (%s)', f.base_point)
               WHEN f.last_performed_date IS NULL AND f.last_performed_meter IS NULL
                 THEN 'no service on record: counted from ' || concat_ws(' and ',
                   CASE WHEN f.interval_meter IS NOT NULL THEN '0' || f.unit END,
                   CASE WHEN f.interval_days IS NOT NULL THEN format('%s, when the schedule was made', f.base_date) END)
               ELSE concat('last done',
                 CASE WHEN f.interval_meter IS NOT NULL AND f.last_performed_meter IS NOT NULL
                      THEN ' at ' || amms_private.pm_num(f.last_performed_meter) || f.unit END,
                 CASE WHEN f.last_performed_date IS NOT NULL THEN ' on ' || f.last_performed_date END,
                 CASE WHEN f.skipped THEN format(', then skipped once (the cycle counts from %s)', f.base_point) END)
             END AS last_text
        FROM f
        LEFT JOIN work_orders w
          ON w.tenant_id = f.tenant_id AND w.pm_schedule_id = f.id AND w.status IN ('draft', 'ready', 'in_progress')
        LEFT JOIN pm_schedules sb ON sb.tenant_id = f.tenant_id AND sb.id = f.suppressed_by_schedule_id
        LEFT JOIN work_orders bw
          ON bw.tenant_id = f.tenant_id AND bw.pm_schedule_id = sb.id AND bw.status IN ('draft', 'ready', 'in_progress')
    )
    SELECT t.id, t.tenant_id, t.asset_id, t.name, t.grp, t.size, t.interval_days, t.interval_meter, t.meter,
           t.cycle, t.active, t.meter_now, t.meter_day, t.per_day, t.base_date, t.base_meter, t.due_date,
           t.due_meter, t.forecast_date, t.reached_date, t.reached_meter,
           t.active AND (t.reached_date OR t.reached_meter),
           t.active AND t.within,
           t.open_wo_id, t.open_wo_code, t.open_wo_status,
           CASE WHEN t.suppressor_wo_code IS NOT NULL THEN t.suppressed_by_schedule_id END,
           t.reason, t.next_text, t.last_text,
           CASE
             WHEN NOT t.is_active THEN 'Inactive: no work orders are generated.'
             WHEN t.disposed THEN 'The asset is disposed of: no work orders are generated.'
             WHEN t.suppressor_wo_code IS NOT NULL
               THEN format('Folded into %s (%s), which includes it; it restarts from that service''s completion.',
                 t.suppressor_wo_code, t.suppressor_name)
             WHEN t.open_wo_id IS NOT NULL AND t.reason IS NOT NULL
               THEN format('%s is open for it: %s; %s.', t.open_wo_code, t.reason, t.last_text)
             WHEN t.open_wo_id IS NOT NULL AND t.within
               THEN format('%s is open for it, brought forward: due %s; %s.', t.open_wo_code, t.next_text, t.last_text)
             WHEN t.open_wo_id IS NOT NULL
               THEN format('%s is open for it, but it is no longer due (next %s): %s. The work order is kept; cancel it if the work should wait.',
                 t.open_wo_code, t.next_text,
                 CASE WHEN t.interval_meter IS NOT NULL THEN 'the meter went down after the work order was made'
                      ELSE 'it was made ahead of time' END)
             WHEN t.reason IS NOT NULL THEN format('Due: %s; %s.', t.reason, t.last_text)
             ELSE format('Next %s; %s.', t.next_text, t.last_text)
           END
      FROM t;
END $fn$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_evaluate(uuid, uuid[], date) FROM PUBLIC;
