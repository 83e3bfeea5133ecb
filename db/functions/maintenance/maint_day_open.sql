-- Refuses a change to the daily logs of a submitted day (day_submitted) with who submitted it.
-- The trigger daily_logs_day_open (migration 0014) enforces the same for every writer.
CREATE OR REPLACE FUNCTION amms_private.maint_day_open(a assets, day date) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  d daily_log_days := amms_private.submitted_day(a.tenant_id, amms_private.asset_site_id(a.tenant_id, a.id), day);
BEGIN
  IF d.id IS NOT NULL THEN
    PERFORM amms_private.reject('day_submitted', amms_private.day_locked_message(d));
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_day_open(assets, date) FROM PUBLIC;
