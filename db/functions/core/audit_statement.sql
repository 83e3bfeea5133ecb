-- Statement trigger of every audited table (migration 0003): one audit_logs row per row inserted,
-- deleted, or updated (changed columns only, before and after, secrets redacted by audit_clean),
-- naming the acting application user (amms.user_id, set by the write entry point) and the station
-- behind the login role. A privileged bulk load may skip it (audit_suppressed).
CREATE OR REPLACE FUNCTION amms_private.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  tenant_col text := CASE WHEN TG_TABLE_NAME = 'tenants' THEN 'id' ELSE 'tenant_id' END;
  actor uuid := amms_private.acting_user_id();
  station uuid := amms_private.acting_station_id();
BEGIN
  IF amms_private.audit_suppressed() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT n.%I, $1, $2, ''insert'', %L, n.id,
              jsonb_build_object(''after'', amms_private.audit_clean(to_jsonb(n)))
         FROM new_rows n', tenant_col, TG_TABLE_NAME) USING actor, station;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format(
      'INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT o.%I, $1, $2, ''delete'', %L, o.id,
              jsonb_build_object(''before'', amms_private.audit_clean(to_jsonb(o)))
         FROM old_rows o', tenant_col, TG_TABLE_NAME) USING actor, station;
  ELSE
    -- Only the columns that changed, before and after; an update that changed nothing but
    -- bookkeeping leaves no audit row. Changes are detected on the raw rows, so that a changed
    -- secret (both sides redacted) is still recorded.
    -- Each row is turned into JSON once (a materialised CTE): comparing key by key against a
    -- to_jsonb() computed for every key made a bulk update of wide rows quadratic in the number
    -- of columns (25,000 PM schedules took 30 s instead of 1 s).
    EXECUTE format(
      'WITH r AS MATERIALIZED (
         SELECT n.%I AS tenant_id, n.id, to_jsonb(o) AS o, to_jsonb(n) AS n
           FROM new_rows n JOIN old_rows o ON o.id = n.id
       ), d AS (
         SELECT r.tenant_id, r.id,
                (SELECT coalesce(jsonb_object_agg(b.key, b.value), ''{}'')
                   FROM jsonb_each(amms_private.audit_clean(r.o)) b
                  WHERE r.o -> b.key IS DISTINCT FROM r.n -> b.key) AS before,
                (SELECT coalesce(jsonb_object_agg(a.key, a.value), ''{}'')
                   FROM jsonb_each(amms_private.audit_clean(r.n)) a
                  WHERE r.n -> a.key IS DISTINCT FROM r.o -> a.key) AS after
           FROM r
       )
       INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT d.tenant_id, $1, $2, ''update'', %L, d.id, jsonb_build_object(''before'', d.before, ''after'', d.after)
         FROM d
        WHERE d.after <> ''{}''::jsonb', tenant_col, TG_TABLE_NAME) USING actor, station;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.audit_statement() FROM PUBLIC;
