-- AMMS central database, migration 0003: change stamps for sync, tombstones and the audit trail.
--
-- Change stamps: every write sets change_xid to the writing transaction's id (xid8), bumps
-- row_version and updated_at. The sync pull reads rows with change_xid >= the previous snapshot
-- horizon, which is safe against transactions that commit out of order (see ARCHITECTURE.md).
-- Tombstones: a deleted row leaves (table, id, change_xid) so stations delete their copy.
-- Audit: every insert, update and delete on tenant data writes audit_logs rows from the database
-- itself, statement by statement (transition tables), so bulk statements stay fast. The acting
-- application user comes from the transaction setting amms.user_id, which only the write entry
-- point sets (stations cannot write directly); the station from the login role. audit_logs is
-- append-only for everyone.

CREATE FUNCTION amms_private.stamp_row() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  IF TG_OP = 'UPDATE' THEN
    NEW.row_version := OLD.row_version + 1;
    NEW.updated_at := now();
    NEW.created_at := OLD.created_at;
    IF TG_TABLE_NAME = 'tenants' THEN
      IF NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'A tenant''s id cannot change' USING ERRCODE = 'check_violation';
      END IF;
    ELSIF NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id THEN
      RAISE EXCEPTION 'A row cannot move to another tenant or change its id (% %)', TG_TABLE_NAME, OLD.id
        USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_tenant_immutable';
    END IF;
  ELSE
    NEW.row_version := 1;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION amms_private.record_tombstones() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  INSERT INTO sync_tombstones (tenant_id, table_name, row_id)
  SELECT o.tenant_id, TG_TABLE_NAME, o.id FROM old_rows o;
  RETURN NULL;
END $$;

-- Who is acting: the application user named by the write entry point (amms.user_id) and the
-- station behind the login role, if any.
CREATE FUNCTION amms_private.acting_user_id() RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT nullif(current_setting('amms.user_id', true), '')::uuid
$$;

CREATE FUNCTION amms_private.acting_station_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT s.id FROM stations s WHERE s.role_name = session_user
$$;

-- A bulk load by a privileged role (the demo-data generator) may skip row-by-row audit; it writes
-- one 'bulk_load' audit row per table instead. Stations can never be superuser or BYPASSRLS, so
-- the setting has no effect for them.
CREATE FUNCTION amms_private.audit_suppressed() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce(current_setting('amms.bulk_load', true), '') = 'on'
     AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolsuper OR r.rolbypassrls))
$$;

-- Secrets never enter the audit trail; bookkeeping columns are noise.
CREATE FUNCTION amms_private.audit_clean(row_json jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN row_json ? 'password_hash' THEN jsonb_set(row_json, '{password_hash}', '"[redacted]"') ELSE row_json END
         - 'change_xid' - 'row_version' - 'updated_at'
$$;

CREATE FUNCTION amms_private.audit_statement() RETURNS trigger
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
    EXECUTE format(
      'INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT d.tenant_id, $1, $2, ''update'', %L, d.id,
              jsonb_build_object(''before'', d.before, ''after'', d.after)
         FROM (
           SELECT n.%I AS tenant_id, n.id,
                  (SELECT coalesce(jsonb_object_agg(b.key, b.value), ''{}'')
                     FROM jsonb_each(amms_private.audit_clean(to_jsonb(o))) b
                    WHERE to_jsonb(o) -> b.key IS DISTINCT FROM to_jsonb(n) -> b.key) AS before,
                  (SELECT coalesce(jsonb_object_agg(a.key, a.value), ''{}'')
                     FROM jsonb_each(amms_private.audit_clean(to_jsonb(n))) a
                    WHERE to_jsonb(n) -> a.key IS DISTINCT FROM to_jsonb(o) -> a.key) AS after
             FROM new_rows n JOIN old_rows o ON o.id = n.id
         ) d
        WHERE d.after <> ''{}''::jsonb', TG_TABLE_NAME, tenant_col) USING actor, station;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION amms_private.audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: its rows cannot be changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION amms_private.audit_is_append_only();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_is_append_only();

-- Attach stamps, tombstones and audit to every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'tenants', 'locations', 'users', 'stations', 'assets', 'asset_identities', 'asset_meters',
    'asset_specs', 'pm_schedules', 'work_orders', 'wo_tasks', 'service_requests', 'parts',
    'inventory_stock', 'inventory_wallets', 'wo_consumables', 'shipments', 'asset_movements',
    'daily_logs'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION amms_private.stamp_row()', t || '_stamp', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_delete', t);
    IF t <> 'tenants' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION amms_private.record_tombstones()', t || '_tombstone', t);
    END IF;
  END LOOP;
END $$;
