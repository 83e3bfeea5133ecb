-- Refuses an action on a work order that is not in one of the states it needs, saying in words
-- what state the work order is in and what to do (code wo_state). action: 'readied', 'started',
-- 'given task results', 'closed', 'cancelled', ...
CREATE OR REPLACE FUNCTION amms_private.wo_refuse_state(wo work_orders, allowed wo_status[], action text, hint text)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  state text := CASE wo.status WHEN 'draft' THEN 'a draft' WHEN 'ready' THEN 'ready'
                  WHEN 'in_progress' THEN 'in progress' WHEN 'closed' THEN 'closed' ELSE 'cancelled' END;
BEGIN
  IF wo.status = ANY (allowed) THEN
    RETURN;
  END IF;
  IF wo.status = 'closed' THEN
    PERFORM amms_private.reject('wo_closed', format('%s was closed on %s; it cannot be %s.', wo.code,
      to_char(wo.closed_at, 'YYYY-MM-DD'), action));
  END IF;
  IF wo.status = 'cancelled' THEN
    PERFORM amms_private.reject('wo_closed', format('%s was cancelled (%s); it cannot be %s.', wo.code,
      wo.cancel_reason, action));
  END IF;
  PERFORM amms_private.reject('wo_state', format('%s is %s; it cannot be %s%s', wo.code, state, action,
    CASE WHEN hint IS NULL THEN '.' ELSE ' (' || hint || ').' END));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_refuse_state(work_orders, wo_status[], text, text) FROM PUBLIC;
