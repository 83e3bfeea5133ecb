-- "The daily logs of ACME-NBO for 2026-03-02 were submitted by Purity Kiprop on 2026-03-02 18:05
-- UTC; a manager must reopen the day before they can change."
CREATE OR REPLACE FUNCTION amms_private.day_locked_message(d daily_log_days) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT format('The daily logs of %s for %s were submitted by %s on %s UTC; a manager must reopen the day before they can change.',
    (SELECT l.code FROM locations l WHERE l.id = d.site_id), d.date,
    coalesce((SELECT u.full_name FROM users u WHERE u.id = d.submitted_by_user_id), 'a supervisor'),
    amms_private.fmt_time(d.submitted_at, interval '0'))
$$;
REVOKE EXECUTE ON FUNCTION amms_private.day_locked_message(daily_log_days) FROM PUBLIC;
