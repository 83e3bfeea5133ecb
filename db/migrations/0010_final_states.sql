-- AMMS central database, migration 0010: two rules that keep finished business finished.
--
-- * A closed or cancelled work order is final: its checklist (wo_tasks) can no longer gain,
--   change or lose tasks, so what was signed off stays as it was signed off.
-- * A technician who still holds parts cannot stop being a technician: the wallet must be
--   returned (or counted off) first, so no parts are left in a wallet nobody may hold.

CREATE FUNCTION amms_private.wo_tasks_of_open_work_order() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  wo_row work_orders;
BEGIN
  -- A privileged bulk load (the demo-data generator writes history, closed work orders included)
  -- is trusted here as it is by the audit trail.
  IF amms_private.audit_suppressed() THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT * INTO wo_row FROM work_orders w WHERE w.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.wo_id ELSE NEW.wo_id END;
  IF FOUND AND wo_row.status IN ('closed', 'cancelled') THEN
    RAISE EXCEPTION 'Work order % is %; its tasks can no longer change', wo_row.code, wo_row.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'wo_tasks_work_order_open';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER wo_tasks_open_work_order BEFORE INSERT OR UPDATE OR DELETE ON wo_tasks
  FOR EACH ROW EXECUTE FUNCTION amms_private.wo_tasks_of_open_work_order();

CREATE FUNCTION amms_private.users_keep_wallet_holder() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF OLD.role = 'technician' AND NEW.role <> 'technician' AND EXISTS (
    SELECT 1 FROM inventory_wallets w WHERE w.user_id = OLD.id AND w.tenant_id = OLD.tenant_id AND w.qty_held > 0
  ) THEN
    RAISE EXCEPTION '% still holds parts in a wallet; return them before changing the role', OLD.full_name
      USING ERRCODE = 'check_violation', CONSTRAINT = 'users_wallet_holder_is_technician';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_wallet_holder BEFORE UPDATE OF role ON users
  FOR EACH ROW EXECUTE FUNCTION amms_private.users_keep_wallet_holder();

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
