-- "EX-101 (Excavator Caterpillar 336) already has a daily log for 2026-03-10: 8 h and 120 L
-- recorded by Purity Kiprop at Counter 1. Correct that log instead of adding a second one."
CREATE OR REPLACE FUNCTION amms_private.maint_existing_log_message(a assets, d daily_logs) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT format('%s already has a daily log for %s: %s h and %s L recorded by %s%s. Correct that log instead of adding a second one.',
    amms_private.maint_asset_label(a), d.date, amms_private.fmt_number(d.run_hours_added),
    amms_private.fmt_number(d.fuel_liters_added),
    coalesce((SELECT u.full_name FROM users u WHERE u.id = d.supervisor_id), 'a supervisor'),
    coalesce((SELECT ' at ' || s.name FROM audit_logs l JOIN stations s ON s.id = l.station_id
               WHERE l.tenant_id = d.tenant_id AND l.entity_type = 'daily_logs' AND l.entity_id = d.id
                 AND l.action = 'insert' LIMIT 1), ''))
$$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_existing_log_message(assets, daily_logs) FROM PUBLIC;
