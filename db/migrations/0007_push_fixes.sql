-- AMMS central database, migration 0007: fixes to the first operations (found by
-- test/db/push-entry-point.test.ts). Functions are replaced in place (same signatures, so grants
-- and the op_types registrations stay). (The fixes to amms_push found by the same tests are in its
-- definition in 0005: no release had them yet.)
--
-- * stock.receive: a payload without "lines" was applied as an empty receipt; it is now
--   rejected (empty_receipt) like an empty list.
-- * daily_log.record: a missing run_hours_added or fuel_liters_added ended in a not-null
--   violation (code invalid_23502, a technical message) instead of invalid_number; the date
--   accepted PostgreSQL's special inputs ('-infinity', 'epoch', 'yesterday', ...) and other
--   formats than YYYY-MM-DD, and a missing date was reported as a future day.

CREATE OR REPLACE FUNCTION amms_private.op_stock_receive(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  line jsonb;
  p parts;
  l locations;
  qty numeric;
  bin text;
  new_id uuid;
  row_id uuid;
  after numeric;
  results jsonb := '[]'::jsonb;
BEGIN
  IF jsonb_typeof(payload -> 'lines') IS DISTINCT FROM 'array' OR jsonb_array_length(payload -> 'lines') = 0 THEN
    PERFORM amms_private.reject('empty_receipt', 'A receipt needs at least one line.');
  END IF;
  IF jsonb_array_length(payload -> 'lines') > 200 THEN
    PERFORM amms_private.reject('too_many_lines', 'A receipt can have at most 200 lines.');
  END IF;
  FOR line IN SELECT value FROM jsonb_array_elements(payload -> 'lines') LOOP
    p := amms_private.load_part(st, amms_private.payload_uuid(line, 'part_id', 'The part'));
    l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(line, 'location_id', 'The warehouse'));
    qty := amms_private.checked_quantity(line -> 'qty', p, 'The quantity received');
    bin := upper(btrim(coalesce(line ->> 'bin_location', '')));
    IF bin !~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$' THEN
      PERFORM amms_private.reject('invalid_bin', format('"%s" is not a valid bin label.', line ->> 'bin_location'));
    END IF;
    new_id := CASE WHEN line ? 'stock_id' THEN amms_private.payload_uuid(line, 'stock_id', 'The stock row')
                   ELSE gen_random_uuid() END;
    INSERT INTO inventory_stock AS s (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
    VALUES (new_id, st.tenant_id, p.id, l.id, bin, qty)
    ON CONFLICT (tenant_id, part_id, location_id, bin_location)
      DO UPDATE SET qty_on_hand = s.qty_on_hand + EXCLUDED.qty_on_hand
    RETURNING s.id, s.qty_on_hand INTO row_id, after;
    results := results || jsonb_build_object('stock_id', row_id, 'part_id', p.id, 'sku', p.sku,
      'bin_location', bin, 'qty', qty, 'qty_on_hand', after);
  END LOOP;
  RETURN jsonb_build_object('lines', results);
END $$;

CREATE OR REPLACE FUNCTION amms_private.op_daily_log_record(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  log_date date;
  hours numeric;
  fuel numeric;
  new_id uuid := CASE WHEN payload ? 'log_id' THEN amms_private.payload_uuid(payload, 'log_id', 'The log')
                      ELSE gen_random_uuid() END;
  meter numeric;
BEGIN
  SELECT * INTO a FROM assets WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  IF payload ->> 'date' IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The date is missing.');
  END IF;
  IF payload ->> 'date' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'date'));
  END IF;
  BEGIN
    log_date := (payload ->> 'date')::date;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'date'));
  END;
  IF log_date IS NULL OR log_date > current_date + 1 THEN
    PERFORM amms_private.reject('invalid_date', 'A daily log cannot be for a future day.');
  END IF;
  IF jsonb_typeof(payload -> 'run_hours_added') IS DISTINCT FROM 'number'
     OR jsonb_typeof(payload -> 'fuel_liters_added') IS DISTINCT FROM 'number' THEN
    PERFORM amms_private.reject('invalid_number', 'Run hours and fuel must be numbers.');
  END IF;
  hours := (payload ->> 'run_hours_added')::numeric;
  fuel := (payload ->> 'fuel_liters_added')::numeric;
  IF hours < 0 OR hours > 24 THEN
    PERFORM amms_private.reject('invalid_hours', format('%s hours in one day is not possible (0 to 24).', hours));
  END IF;
  IF fuel < 0 OR fuel > 100000 THEN
    PERFORM amms_private.reject('invalid_fuel', format('%s litres of fuel is not possible.', fuel));
  END IF;
  IF EXISTS (SELECT 1 FROM daily_logs d WHERE d.tenant_id = st.tenant_id AND d.asset_id = a.id AND d.date = log_date) THEN
    PERFORM amms_private.reject('duplicate_daily_log', format('%s already has a daily log for %s.', a.name, log_date));
  END IF;
  INSERT INTO daily_logs (id, tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added, notes)
  VALUES (new_id, st.tenant_id, log_date, actor.id, a.id, hours, fuel, nullif(btrim(payload ->> 'notes'), ''));
  INSERT INTO asset_meters AS m (tenant_id, asset_id, current_run_hours, last_updated_at)
  VALUES (st.tenant_id, a.id, hours, now())
  ON CONFLICT (asset_id) DO UPDATE SET current_run_hours = m.current_run_hours + EXCLUDED.current_run_hours,
    last_updated_at = now()
  RETURNING m.current_run_hours INTO meter;
  RETURN jsonb_build_object('log_id', new_id, 'current_run_hours', meter);
END $$;
