-- amms_private.acting_op_id(): the operation being applied (amms.op_id, set by amms_push for its
-- transaction), or NULL outside an operation.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.acting_op_id() RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT nullif(current_setting('amms.op_id', true), '')::uuid
$$;
REVOKE EXECUTE ON FUNCTION amms_private.acting_op_id() FROM PUBLIC;
