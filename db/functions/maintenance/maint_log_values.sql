-- The hours and fuel of a daily log (or of a correction) from the payload: JSON numbers, hours
-- 0 to 24, fuel 0 to 100,000 litres and never more than the asset's fuel tank holds
-- (asset_specs.specs.fuel_tank_litres, where known), at most 2 decimals. Rejections:
-- invalid_number, invalid_hours, invalid_fuel, fuel_above_tank.
CREATE OR REPLACE FUNCTION amms_private.maint_log_values(a assets, payload jsonb, OUT hours numeric, OUT fuel numeric)
RETURNS record
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  tank numeric;
BEGIN
  IF jsonb_typeof(payload -> 'run_hours_added') IS DISTINCT FROM 'number'
     OR jsonb_typeof(payload -> 'fuel_liters_added') IS DISTINCT FROM 'number' THEN
    PERFORM amms_private.reject('invalid_number', 'Run hours and fuel must be numbers.');
  END IF;
  hours := (payload ->> 'run_hours_added')::numeric;
  fuel := (payload ->> 'fuel_liters_added')::numeric;
  IF hours < 0 OR hours > 24 THEN
    PERFORM amms_private.reject('invalid_hours', format('%s hours in one day is not possible (0 to 24).', hours));
  END IF;
  IF hours <> round(hours, 2) THEN
    PERFORM amms_private.reject('invalid_hours', format('%s hours has more than 2 decimals.', hours));
  END IF;
  IF fuel < 0 OR fuel > 100000 THEN
    PERFORM amms_private.reject('invalid_fuel', format('%s litres of fuel is not possible.', fuel));
  END IF;
  IF fuel <> round(fuel, 2) THEN
    PERFORM amms_private.reject('invalid_fuel', format('%s litres has more than 2 decimals.', fuel));
  END IF;
  SELECT (s.specs ->> 'fuel_tank_litres')::numeric INTO tank
    FROM asset_specs s WHERE s.tenant_id = a.tenant_id AND s.asset_id = a.id;
  IF tank IS NOT NULL AND fuel > tank THEN
    PERFORM amms_private.reject('fuel_above_tank',
      format('%s holds at most %s L of fuel; %s L is more than its tank.', amms_private.maint_asset_label(a),
        amms_private.fmt_number(tank), amms_private.fmt_number(fuel)));
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_log_values(assets, jsonb) FROM PUBLIC;
