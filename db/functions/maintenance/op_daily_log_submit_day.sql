-- daily_log.submit_day: a supervisor submits the site's day. From then on the day's daily logs of
-- the site's assets cannot be added, changed or deleted (trigger daily_logs_day_open) until a
-- manager reopens the day. Submitting a reopened day locks it again.
-- payload: { day_id?, site_id? (the station's site), date }
-- result: { day_id, site_id, date, logs, flagged }
CREATE OR REPLACE FUNCTION amms_private.op_daily_log_submit_day(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  site locations;
  day date;
  d daily_log_days;
  new_id uuid := CASE WHEN payload ? 'day_id' THEN amms_private.payload_uuid(payload, 'day_id', 'The day')
                      ELSE gen_random_uuid() END;
  logs integer;
  flagged integer;
BEGIN
  site := amms_private.maint_payload_site(st, payload);
  day := amms_private.maint_payload_date(payload, 'date', 'A day cannot be submitted before it has begun.');
  SELECT * INTO d FROM daily_log_days WHERE tenant_id = st.tenant_id AND site_id = site.id AND date = day FOR UPDATE;
  IF d.status = 'submitted' THEN
    PERFORM amms_private.reject('day_already_submitted',
      format('The daily logs of %s for %s were already submitted by %s on %s UTC.', site.code, day,
        coalesce((SELECT u.full_name FROM users u WHERE u.id = d.submitted_by_user_id), 'a supervisor'),
        amms_private.fmt_time(d.submitted_at, interval '0')));
  END IF;
  INSERT INTO daily_log_days AS x (id, tenant_id, site_id, date, status, submitted_by_user_id, submitted_at)
  VALUES (new_id, st.tenant_id, site.id, day, 'submitted', actor.id, now())
  ON CONFLICT (tenant_id, site_id, date) DO UPDATE
    SET status = 'submitted', submitted_by_user_id = EXCLUDED.submitted_by_user_id, submitted_at = now()
  RETURNING x.* INTO d;
  SELECT count(*), count(*) FILTER (WHERE l.anomalies <> '[]'::jsonb) INTO logs, flagged
    FROM daily_logs l
   WHERE l.tenant_id = st.tenant_id AND l.date = day
     AND amms_private.asset_site_id(st.tenant_id, l.asset_id) = site.id;
  RETURN jsonb_build_object('day_id', d.id, 'site_id', site.id, 'date', day, 'logs', logs, 'flagged', flagged);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_daily_log_submit_day(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('daily_log.submit_day', '{supervisor,manager,admin}', 'amms_private.op_daily_log_submit_day(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
