-- amms_private.take_from_wallet(station, technician, part, qty, verb): takes qty out of a
-- technician's wallet (row locked), refusing more than it holds. verb: 'return' or 'use'. Returns
-- what the wallet holds after the change.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.take_from_wallet(st stations, tech users, p parts, qty numeric, verb text) RETURNS numeric
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  w inventory_wallets;
BEGIN
  SELECT * INTO w FROM inventory_wallets
   WHERE tenant_id = st.tenant_id AND user_id = tech.id AND part_id = p.id
   FOR UPDATE;
  IF NOT FOUND OR w.qty_held = 0 THEN
    PERFORM amms_private.reject('insufficient_wallet',
      format('%s holds no %s; cannot %s %s.', tech.full_name, p.sku, verb, trim_scale(qty)));
  END IF;
  IF w.qty_held < qty THEN
    PERFORM amms_private.reject('insufficient_wallet',
      format('%s holds only %s of %s; cannot %s %s.', tech.full_name, trim_scale(w.qty_held), p.sku, verb, trim_scale(qty)));
  END IF;
  UPDATE inventory_wallets SET qty_held = qty_held - qty WHERE id = w.id;
  RETURN w.qty_held - qty;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.take_from_wallet(stations, users, parts, numeric, text) FROM PUBLIC;
