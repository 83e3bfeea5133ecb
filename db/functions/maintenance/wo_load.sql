-- The work order named by payload[key], of the station's tenant, locked for the change (FOR
-- UPDATE), or a rejection. PM work orders take the asset's PM lock first (as the engine does), so
-- a completion and the engine never interleave on one asset.
CREATE OR REPLACE FUNCTION amms_private.wo_load(st stations, payload jsonb, key text) RETURNS work_orders
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  wo work_orders;
  wo_id uuid := amms_private.payload_uuid(payload, key, 'The work order');
BEGIN
  SELECT * INTO wo FROM work_orders WHERE id = wo_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_work_order', 'That work order does not exist.');
  END IF;
  IF wo.pm_schedule_id IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('amms.pm'), hashtext(wo.asset_id::text));
  END IF;
  SELECT * INTO wo FROM work_orders WHERE id = wo_id AND tenant_id = st.tenant_id FOR UPDATE;
  RETURN wo;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_load(stations, jsonb, text) FROM PUBLIC;
