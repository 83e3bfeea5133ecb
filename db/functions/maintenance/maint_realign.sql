-- A machine reading (or a replaced meter's final reading) of the continuous total `total`, taken on
-- `day`, that is the latest reading of the meter re-aligns the asset's meter: the total now is
-- that reading plus the run hours of the daily logs of the days after it. Returns how far the
-- meter moves (the reading's adjustment); a move down needs a reason (reading_below_meter). The
-- asset's meter row is locked until the end of the transaction. Does not write anything.
CREATE OR REPLACE FUNCTION amms_private.maint_realign(
  a assets, meter meter_kind, total numeric, day date, reading_text text, has_reason boolean
) RETURNS numeric
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  m asset_meters;
  current numeric;
  after_day numeric := 0;
  expected numeric;
  unit text := amms_private.meter_unit(meter);
BEGIN
  SELECT * INTO m FROM asset_meters WHERE tenant_id = a.tenant_id AND asset_id = a.id FOR UPDATE;
  current := CASE meter WHEN 'odometer' THEN m.current_odometer ELSE m.current_run_hours END;
  IF meter = 'run_hours' THEN
    SELECT coalesce(sum(d.run_hours_added), 0) INTO after_day
      FROM daily_logs d WHERE d.tenant_id = a.tenant_id AND d.asset_id = a.id AND d.date > day;
  END IF;
  IF current IS NULL THEN
    RETURN total + after_day;
  END IF;
  expected := current - after_day;
  IF total < expected AND NOT has_reason THEN
    PERFORM amms_private.reject('reading_below_meter',
      format('%s shows %s, but %s already stands at %s %s for that time (%s %s more). Give a reason to re-align the meter down, or correct the daily log that is wrong.',
        CASE meter WHEN 'odometer' THEN 'The odometer' ELSE 'The hour meter' END, reading_text,
        amms_private.maint_asset_label(a), amms_private.fmt_number(expected), unit,
        amms_private.fmt_number(expected - total), unit));
  END IF;
  RETURN total - expected;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_realign(assets, meter_kind, numeric, date, text, boolean) FROM PUBLIC;
