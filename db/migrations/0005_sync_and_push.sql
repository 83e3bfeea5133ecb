-- AMMS central database, migration 0005: the sync protocol's server side.
--
-- * amms_server_info(): protocol and schema version, checked by stations on every exchange.
-- * Wake-ups: every committed change to a synced table notifies channel amms_sync_<tenant hex>
--   with an empty payload (no data travels in a notification); stations LISTEN and then pull.
-- * op_ledger and amms_push(): the one write entry point. A station pushes each operation
--   (client-generated op_id, type, acting user, station sequence number, payload); the function
--   applies it exactly once in its own transaction, records the outcome in the ledger, and
--   returns it. A repeated op_id returns the stored outcome. A rejected operation is recorded
--   with a code and a reason for the user. Stations keep no direct write privileges.

CREATE FUNCTION amms_server_info() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT jsonb_build_object(
    'protocol', 1,
    'min_station_protocol', 1,
    'schema_version', (SELECT max(version) FROM amms_private.schema_migrations),
    'server_time', now()
  )
$$;
REVOKE EXECUTE ON FUNCTION amms_server_info() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_server_info() TO amms_station;

-- Wake-ups ---------------------------------------------------------------------------------------

CREATE FUNCTION amms_private.sync_channel(tenant uuid) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT 'amms_sync_' || replace(tenant::text, '-', '')
$$;

-- SECURITY DEFINER: whoever writes (the entry point, an admin) may not use amms_private itself.
CREATE FUNCTION amms_private.notify_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  tenant uuid;
  tenant_col text := CASE WHEN TG_TABLE_NAME = 'tenants' THEN 'id' ELSE 'tenant_id' END;
BEGIN
  FOR tenant IN EXECUTE format(
    'SELECT DISTINCT %1$I FROM %2$s', tenant_col, CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END)
  LOOP
    PERFORM pg_notify(amms_private.sync_channel(tenant), '');
  END LOOP;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'tenants', 'locations', 'users', 'stations', 'assets', 'asset_identities', 'asset_meters',
    'asset_specs', 'pm_schedules', 'work_orders', 'wo_tasks', 'service_requests', 'parts',
    'inventory_stock', 'inventory_wallets', 'wo_consumables', 'shipments', 'asset_movements',
    'daily_logs'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_delete', t);
  END LOOP;
END $$;

-- The operation ledger -----------------------------------------------------------------------------

CREATE TYPE op_outcome AS ENUM ('applied', 'rejected');

CREATE TABLE op_ledger (
  op_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  station_id uuid NOT NULL,
  station_seq bigint NOT NULL,
  op_type text NOT NULL,
  user_id uuid,
  payload jsonb NOT NULL,
  outcome op_outcome NOT NULL,
  reason_code text,
  reason text,
  result jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT op_ledger_station_fk FOREIGN KEY (tenant_id, station_id) REFERENCES stations (tenant_id, id),
  CONSTRAINT op_ledger_rejected_has_reason CHECK ((outcome = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX op_ledger_station_idx ON op_ledger (station_id, station_seq);
ALTER TABLE op_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE op_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY op_ledger_own_tenant ON op_ledger
  USING (tenant_id = (SELECT current_station_tenant_id()))
  WITH CHECK (tenant_id = (SELECT current_station_tenant_id()));
GRANT SELECT ON op_ledger TO amms_station;

-- Which roles may do what. The server re-checks the acting user's role for every operation.
CREATE TABLE amms_private.op_types (
  op_type text PRIMARY KEY,
  roles user_role[] NOT NULL,
  apply_function regprocedure NOT NULL
);

-- A business rule broken by an operation: raised by the op functions with SQLSTATE P0001 and a
-- short code in DETAIL, so the ledger keeps a code the station can act on and a readable message.
CREATE FUNCTION amms_private.reject(code text, message text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = message, DETAIL = code;
END $$;

CREATE FUNCTION amms_push(protocol integer, op jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  st stations%ROWTYPE;
  stored op_ledger%ROWTYPE;
  op_type_row amms_private.op_types%ROWTYPE;
  acting users%ROWTYPE;
  v_op_id uuid;
  v_type text := op ->> 'type';
  v_user uuid;
  v_seq bigint;
  v_payload jsonb := op -> 'payload';
  v_result jsonb;
  v_code text;
  v_message text;
  v_constraint text;
  v_sqlstate text;
BEGIN
  IF protocol IS DISTINCT FROM 1 THEN
    RETURN jsonb_build_object('outcome', 'incompatible',
      'reason', format('This server speaks sync protocol 1; the station sent protocol %s. Update the station.', protocol));
  END IF;
  SELECT * INTO st FROM stations s WHERE s.role_name = session_user AND s.revoked_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Only an enrolled, active station can push operations' USING ERRCODE = 'insufficient_privilege';
  END IF;
  BEGIN
    v_op_id := (op ->> 'op_id')::uuid;
    v_user := (op ->> 'user_id')::uuid;
    v_seq := (op ->> 'seq')::bigint;
  EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
    RAISE EXCEPTION 'Malformed operation envelope' USING ERRCODE = 'invalid_parameter_value';
  END;
  IF v_op_id IS NULL OR v_type IS NULL OR v_seq IS NULL OR jsonb_typeof(v_payload) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'An operation needs op_id, type, seq and an object payload' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Exactly once: a known op_id returns its stored outcome.
  SELECT * INTO stored FROM op_ledger l WHERE l.op_id = v_op_id;
  IF FOUND THEN
    IF stored.station_id <> st.id THEN
      RAISE EXCEPTION 'Operation id % belongs to another station', v_op_id USING ERRCODE = 'unique_violation';
    END IF;
    RETURN jsonb_build_object('op_id', stored.op_id, 'outcome', stored.outcome, 'code', stored.reason_code,
      'reason', stored.reason, 'result', stored.result, 'duplicate', true);
  END IF;

  BEGIN
    -- Claim the op_id first: a concurrent push of the same op waits here for this transaction
    -- and then takes the duplicate path below.
    INSERT INTO op_ledger (op_id, tenant_id, station_id, station_seq, op_type, user_id, payload, outcome)
    VALUES (v_op_id, st.tenant_id, st.id, v_seq, v_type, v_user, v_payload, 'applied');

    SELECT * INTO op_type_row FROM amms_private.op_types t WHERE t.op_type = v_type;
    IF NOT FOUND THEN
      PERFORM amms_private.reject('unknown_operation', format('The server does not know the operation "%s". Update the server.', v_type));
    END IF;
    SELECT * INTO acting FROM users u WHERE u.id = v_user AND u.tenant_id = st.tenant_id;
    IF NOT FOUND OR NOT acting.is_active THEN
      PERFORM amms_private.reject('unknown_user', 'The user who did this is not an active user of this organisation.');
    END IF;
    IF NOT acting.role = ANY (op_type_row.roles) THEN
      PERFORM amms_private.reject('forbidden',
        format('%s (%s) is not allowed to do this (%s).', acting.full_name, acting.role, v_type));
    END IF;
    PERFORM set_config('amms.user_id', v_user::text, true);
    PERFORM set_config('amms.op_id', v_op_id::text, true);
    EXECUTE format('SELECT %s($1, $2, $3)', op_type_row.apply_function::regproc)
      INTO v_result USING st, acting, v_payload;
    UPDATE op_ledger SET result = v_result WHERE op_id = v_op_id;
    RETURN jsonb_build_object('op_id', v_op_id, 'outcome', 'applied', 'result', v_result, 'duplicate', false);
  EXCEPTION
    WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_message = MESSAGE_TEXT;
      IF v_constraint = 'op_ledger_pkey' THEN
        SELECT * INTO stored FROM op_ledger l WHERE l.op_id = v_op_id;
        IF stored.station_id <> st.id THEN
          RAISE EXCEPTION 'Operation id % belongs to another station', v_op_id USING ERRCODE = 'unique_violation';
        END IF;
        RETURN jsonb_build_object('op_id', stored.op_id, 'outcome', stored.outcome, 'code', stored.reason_code,
          'reason', stored.reason, 'result', stored.result, 'duplicate', true);
      END IF;
      v_code := 'conflict';
    WHEN raise_exception THEN
      GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_code = PG_EXCEPTION_DETAIL;
      v_code := coalesce(nullif(v_code, ''), 'rejected');
    WHEN check_violation OR foreign_key_violation OR not_null_violation OR invalid_text_representation
      OR numeric_value_out_of_range OR invalid_parameter_value OR datetime_field_overflow
      OR invalid_datetime_format OR string_data_right_truncation OR insufficient_privilege THEN
      GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_constraint = CONSTRAINT_NAME, v_sqlstate = RETURNED_SQLSTATE;
      v_code := coalesce(nullif(v_constraint, ''), 'invalid_' || v_sqlstate);
  END;
  -- The operation's effects were rolled back with the block; record the rejection.
  INSERT INTO op_ledger (op_id, tenant_id, station_id, station_seq, op_type, user_id, payload, outcome, reason_code, reason)
  VALUES (v_op_id, st.tenant_id, st.id, v_seq, v_type, v_user, v_payload, 'rejected', v_code, v_message)
  ON CONFLICT (op_id) DO NOTHING;
  SELECT * INTO stored FROM op_ledger l WHERE l.op_id = v_op_id;
  IF stored.station_id <> st.id THEN
    RAISE EXCEPTION 'Operation id % belongs to another station', v_op_id USING ERRCODE = 'unique_violation';
  END IF;
  -- A duplicate unless this transaction wrote the ledger row.
  RETURN jsonb_build_object('op_id', stored.op_id, 'outcome', stored.outcome, 'code', stored.reason_code,
    'reason', stored.reason, 'result', stored.result, 'duplicate', stored.txid <> pg_current_xact_id());
END $$;
REVOKE EXECUTE ON FUNCTION amms_push(integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_push(integer, jsonb) TO amms_station;
