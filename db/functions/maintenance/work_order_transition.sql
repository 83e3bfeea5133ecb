-- Trigger of work_orders (BEFORE UPDATE OF status; created by migration 0002): the state machine.
-- draft -> ready -> in_progress -> closed; draft, ready and in_progress -> cancelled;
-- in_progress -> ready and ready -> draft (put back). With Agile Mode (tenants.settings.agile_mode)
-- a draft may also be started straight away (draft -> in_progress): field work before the
-- paperwork is ready. A closed or cancelled work order is final; it cannot close while a
-- mandatory task has no result. Starting stamps started_at.
CREATE OR REPLACE FUNCTION amms_private.work_order_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'draft' AND NEW.status IN ('ready', 'cancelled'))
    OR (OLD.status = 'draft' AND NEW.status = 'in_progress' AND amms_private.wo_agile_mode(NEW.tenant_id))
    OR (OLD.status = 'ready' AND NEW.status IN ('in_progress', 'cancelled', 'draft'))
    OR (OLD.status = 'in_progress' AND NEW.status IN ('closed', 'ready', 'cancelled'))
  ) THEN
    RAISE EXCEPTION 'Work order % cannot go from % to %', OLD.code, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'work_orders_status_transition';
  END IF;
  IF NEW.status = 'closed' AND EXISTS (
    SELECT 1 FROM wo_tasks t WHERE t.wo_id = NEW.id AND t.is_mandatory AND t.result IS NULL
  ) THEN
    RAISE EXCEPTION 'Work order % has mandatory tasks without a result; it cannot be closed', OLD.code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'work_orders_mandatory_tasks_done';
  END IF;
  IF NEW.status = 'in_progress' AND NEW.started_at IS NULL THEN
    NEW.started_at := now();
  END IF;
  RETURN NEW;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.work_order_transition() FROM PUBLIC;
