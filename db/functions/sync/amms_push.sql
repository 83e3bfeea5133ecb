-- amms_push(protocol, op): the one write entry point. A station pushes each operation
-- (client-generated op_id, type, acting user, station sequence number, payload); the function
-- applies it exactly once in its own transaction, records the outcome in op_ledger, and returns
-- it. A repeated op_id returns the stored outcome. A rejected operation is recorded with a code and
-- a reason for the user. Stations keep no direct write privileges.
--
-- The operation's type names its apply function and the roles allowed to do it in
-- amms_private.op_types (each row lives in its apply function's file). The acting user must be an
-- active user of the station's tenant with one of those roles. amms.user_id (read by the audit
-- trail) and amms.op_id (read by amms_private.acting_op_id for the stock movement history) are
-- set for the transaction before the apply function runs.
--
-- Outcome codes: a reject() code; 'conflict' for a unique violation other than the ledger's;
-- the constraint name for a check, foreign-key or not-null violation; 'invalid_<SQLSTATE>' for
-- bad input the apply function did not catch; 'unknown_operation', 'unknown_user', 'forbidden'.
--
-- Before this file: migration 0005.
--
-- The calling station is current_station_role() (migration 0016): its own login role, or, behind
-- a transaction pooler, the role proven by this transaction's claim (docs/adr/0018).

CREATE OR REPLACE FUNCTION amms_push(protocol integer, op jsonb) RETURNS jsonb
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
  SELECT * INTO st FROM stations s WHERE s.role_name = current_station_role() AND s.revoked_at IS NULL;
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
