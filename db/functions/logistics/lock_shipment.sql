-- The shipment named by payload.shipment_id, locked for the rest of the operation: every operation
-- on a shipment takes this lock first, so a dispatch and a cancel, two receipts or two loads of one
-- truck are applied one after the other and each sees what the other did.
CREATE OR REPLACE FUNCTION amms_private.lock_shipment(st stations, payload jsonb) RETURNS shipments
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
BEGIN
  SELECT * INTO s FROM shipments
   WHERE id = amms_private.payload_uuid(payload, 'shipment_id', 'The shipment') AND tenant_id = st.tenant_id
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_shipment', 'That shipment does not exist.');
  END IF;
  RETURN s;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.lock_shipment(stations, jsonb) FROM PUBLIC;
