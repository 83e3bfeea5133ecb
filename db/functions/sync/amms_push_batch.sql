-- amms_push_batch(protocol, ops): pushing a station's backlog in batches.
--
-- Applies up to 100 operations in order, each through amms_push and each atomic on its own (a
-- savepoint: its effects and its ledger row stand or fall together), and commits them together, so
-- a backlog costs one commit (one WAL flush) per batch instead of one per operation. Exactly-once is
-- unchanged: if the batch does not commit, none of its ledger rows exist and the station sends the
-- same operations again (docs/adr/0007-push-in-batches.md).
--
-- An operation that raises instead of being rejected (a malformed envelope, an op_id of another
-- station) gets outcome 'error' with the SQLSTATE and message, so one bad operation cannot block a
-- station's queue. A transient failure (serialization, deadlock, lock or statement timeout,
-- shutdown, resources) ends the batch with outcome 'retry' for that operation: it and the
-- operations after it stay queued, in order, and are sent again.
--
-- Before this file: migration 0008.
--
-- The calling station is current_station_role() (migration 0016): its own login role, or, behind
-- a transaction pooler, the role proven by this transaction's claim (docs/adr/0018).

CREATE OR REPLACE FUNCTION amms_push_batch(protocol integer, ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  op jsonb;
  outcome jsonb;
  results jsonb := '[]'::jsonb;
  v_state text;
  v_message text;
BEGIN
  IF jsonb_typeof(ops) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'amms_push_batch expects a JSON array of operations' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_array_length(ops) > 100 THEN
    RAISE EXCEPTION 'At most 100 operations per batch' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR op IN SELECT e.value FROM jsonb_array_elements(ops) WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
    BEGIN
      outcome := amms_push(protocol, op);
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
      IF v_state LIKE '40%' OR v_state LIKE '53%' OR v_state LIKE '57%' OR v_state IN ('55P03', '55006') THEN
        results := results || jsonb_build_object('op_id', op ->> 'op_id', 'outcome', 'retry', 'code', v_state,
          'reason', v_message);
        RETURN results;
      END IF;
      IF v_state = '42501' AND NOT EXISTS (
        SELECT 1 FROM stations s WHERE s.role_name = current_station_role() AND s.revoked_at IS NULL
      ) THEN
        RAISE; -- not an enrolled station: refuse the whole call
      END IF;
      outcome := jsonb_build_object('op_id', op ->> 'op_id', 'outcome', 'error', 'code', 'server_error_' || v_state,
        'reason', v_message);
    END;
    results := results || outcome;
    IF outcome ->> 'outcome' = 'incompatible' THEN
      RETURN results;
    END IF;
  END LOOP;
  RETURN results;
END $$;
REVOKE EXECUTE ON FUNCTION amms_push_batch(integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_push_batch(integer, jsonb) TO amms_station;
