-- Writes the engine's evaluation (states from pm_evaluate) into pm_schedules: due date, due meter,
-- forecast date, the sentence why. Only rows whose values changed are updated, so a run that finds
-- nothing new writes nothing (and stations pull nothing). Returns the number of rows changed.
CREATE OR REPLACE FUNCTION amms_private.pm_store(states amms_private.pm_state[]) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  UPDATE pm_schedules s
     SET due_date = e.due_date, due_meter = e.due_meter, forecast_date = e.forecast_date, why = e.why
    FROM unnest(states) e
   WHERE s.id = e.schedule_id
     AND (s.due_date, s.due_meter, s.forecast_date, s.why)
         IS DISTINCT FROM (e.due_date, e.due_meter::numeric(12, 2), e.forecast_date, e.why);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_store(amms_private.pm_state[]) FROM PUBLIC;
