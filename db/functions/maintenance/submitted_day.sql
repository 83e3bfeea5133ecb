-- The submitted day that locks a site's day, if any.
CREATE OR REPLACE FUNCTION amms_private.submitted_day(p_tenant uuid, p_site uuid, p_date date) RETURNS daily_log_days
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT * FROM daily_log_days d
   WHERE d.tenant_id = p_tenant AND d.site_id = p_site AND d.date = p_date AND d.status = 'submitted'
$$;
REVOKE EXECUTE ON FUNCTION amms_private.submitted_day(uuid, uuid, date) FROM PUBLIC;
