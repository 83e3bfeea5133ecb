-- A technician works on the work orders assigned to them (or to nobody); supervisors, managers
-- and admins on any. Refuses otherwise (code forbidden), naming the assignee.
CREATE OR REPLACE FUNCTION amms_private.wo_check_assignee(wo work_orders, actor users, action text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  assignee text;
BEGIN
  IF actor.role <> 'technician' OR wo.assigned_to_user_id IS NULL OR wo.assigned_to_user_id = actor.id THEN
    RETURN;
  END IF;
  SELECT full_name INTO assignee FROM users WHERE id = wo.assigned_to_user_id;
  PERFORM amms_private.reject('forbidden', format('%s is assigned to %s; %s (technician) cannot %s it.', wo.code,
    assignee, actor.full_name, action));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_check_assignee(work_orders, users, text) FROM PUBLIC;
