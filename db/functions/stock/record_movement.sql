-- amms_private.record_movement(...): writes one stock_movements row for the operation being
-- applied (amms_private.acting_op_id()), by its acting user at its station. The signs and balances
-- follow the table's definition (migration 0009): qty_delta is the signed change of the bin when
-- the row names a bin, otherwise of the wallet; qty_after that bin's (or wallet's) balance after;
-- wallet_qty_after the wallet's balance when a wallet moved too.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.record_movement(
  st stations, actor users, kind stock_movement_type, part_id uuid, location_id uuid, bin text,
  technician_id uuid, wo_id uuid, qty_delta numeric, qty_after numeric, wallet_qty_after numeric,
  unit_cost numeric, supplier_ref text, reason text
) RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  new_id uuid;
BEGIN
  INSERT INTO stock_movements (tenant_id, op_id, station_id, movement_type, part_id, location_id, bin_location,
    technician_id, wo_id, qty_delta, qty_after, wallet_qty_after, unit_cost, supplier_ref, reason,
    performed_by_user_id)
  VALUES (st.tenant_id, amms_private.acting_op_id(), st.id, kind, part_id, location_id, bin, technician_id, wo_id,
    qty_delta, qty_after, wallet_qty_after, unit_cost, supplier_ref, reason, actor.id)
  RETURNING id INTO new_id;
  RETURN new_id;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.record_movement(stations, users, stock_movement_type, uuid, uuid, text, uuid, uuid, numeric, numeric, numeric, numeric, text, text) FROM PUBLIC;
