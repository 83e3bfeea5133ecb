-- AMMS central database, migration 0012: a balance row keeps what it is the balance of.
--
-- A stock row is the balance of one part in one bin of one warehouse, and a wallet row the parts
-- of one kind a technician holds. Their history (stock_movements) names that part, warehouse, bin
-- and technician, and stations hold the rows of their own site's warehouses and technicians. If a
-- row could change what it is the balance of, its history would describe another row and a
-- station would keep a balance that moved to another site. So those columns are fixed: stock goes
-- from one bin to another by an issue and a receipt (or a count), a wallet from one technician to
-- another by a return and an issue.

CREATE FUNCTION amms_private.stock_row_identity_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.part_id IS DISTINCT FROM OLD.part_id
     OR NEW.location_id IS DISTINCT FROM OLD.location_id
     OR NEW.bin_location IS DISTINCT FROM OLD.bin_location THEN
    RAISE EXCEPTION 'A stock row''s part, warehouse and bin cannot change; move stock with an issue and a receipt, or a count'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'inventory_stock_identity_fixed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inventory_stock_identity_fixed BEFORE UPDATE OF part_id, location_id, bin_location
  ON inventory_stock FOR EACH ROW EXECUTE FUNCTION amms_private.stock_row_identity_fixed();

CREATE FUNCTION amms_private.wallet_row_identity_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.part_id IS DISTINCT FROM OLD.part_id THEN
    RAISE EXCEPTION 'A wallet row''s technician and part cannot change; hand parts over with a return and an issue'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'inventory_wallets_identity_fixed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inventory_wallets_identity_fixed BEFORE UPDATE OF user_id, part_id
  ON inventory_wallets FOR EACH ROW EXECUTE FUNCTION amms_private.wallet_row_identity_fixed();

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
