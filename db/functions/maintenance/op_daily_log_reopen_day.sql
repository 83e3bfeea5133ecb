-- daily_log.reopen_day: a manager reopens a submitted day of the site, with a reason, so that its
-- daily logs can be added to or corrected again; the supervisor then submits it again.
-- payload: { site_id? (the station's site), date, reason }
-- result: { day_id, site_id, date }
CREATE OR REPLACE FUNCTION amms_private.op_daily_log_reopen_day(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  site locations;
  day date;
  reason text;
  d daily_log_days;
BEGIN
  site := amms_private.maint_payload_site(st, payload);
  day := amms_private.maint_payload_date(payload, 'date', 'A day cannot be reopened before it has begun.');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  IF reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'Reopening a day needs a reason.');
  END IF;
  SELECT * INTO d FROM daily_log_days WHERE tenant_id = st.tenant_id AND site_id = site.id AND date = day FOR UPDATE;
  IF d.id IS NULL OR d.status <> 'submitted' THEN
    PERFORM amms_private.reject('day_not_submitted',
      format('The daily logs of %s for %s are not submitted; there is nothing to reopen.', site.code, day));
  END IF;
  UPDATE daily_log_days SET status = 'reopened', reopened_by_user_id = actor.id, reopened_at = now(),
    reopen_reason = reason
   WHERE id = d.id;
  RETURN jsonb_build_object('day_id', d.id, 'site_id', site.id, 'date', day);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_daily_log_reopen_day(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('daily_log.reopen_day', '{manager,admin}', 'amms_private.op_daily_log_reopen_day(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
