-- AMMS central database, migration 0006: the first operation types of the write entry point.
-- Each apply function takes (station, acting user, payload), applies the change in the caller's
-- transaction, raises amms_private.reject(code, message) for a broken business rule, and returns a
-- jsonb result. Quantities are checked against the part's unit (whole numbers for pieces).

CREATE FUNCTION amms_private.payload_uuid(payload jsonb, key text, label text) RETURNS uuid
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF payload ->> key IS NULL THEN
    PERFORM amms_private.reject('missing_field', format('%s is missing.', label));
  END IF;
  RETURN (payload ->> key)::uuid;
EXCEPTION WHEN invalid_text_representation THEN
  PERFORM amms_private.reject('invalid_field', format('%s is not a valid id.', label));
  RETURN NULL;
END $$;

-- A quantity for a part: positive, finite, at most 1,000,000, whole for pieces, 3 decimals max.
CREATE FUNCTION amms_private.checked_quantity(raw jsonb, part parts, label text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  qty numeric;
BEGIN
  IF raw IS NULL OR jsonb_typeof(raw) <> 'number' THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s must be a number.', label));
  END IF;
  qty := (raw #>> '{}')::numeric;
  IF qty <= 0 THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s must be more than zero.', label));
  END IF;
  IF qty > 1000000 THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s of %s is more than 1,000,000.', label, qty));
  END IF;
  IF part.unit = 'piece' AND qty <> trunc(qty) THEN
    PERFORM amms_private.reject('invalid_quantity',
      format('%s is counted in whole pieces; %s is not a whole number.', part.sku, qty));
  END IF;
  IF qty <> round(qty, 3) THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s has more than 3 decimals.', label));
  END IF;
  RETURN qty;
END $$;

CREATE FUNCTION amms_private.load_part(st stations, part_id uuid) RETURNS parts
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
BEGIN
  SELECT * INTO p FROM parts WHERE id = part_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_part', 'That part is not in the catalogue.');
  END IF;
  RETURN p;
END $$;

-- The warehouse must belong to the station's site.
CREATE FUNCTION amms_private.load_site_warehouse(st stations, location_id uuid) RETURNS locations
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  l locations;
BEGIN
  SELECT * INTO l FROM locations WHERE id = location_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_location', 'That warehouse does not exist.');
  END IF;
  IF l.type <> 'warehouse' THEN
    PERFORM amms_private.reject('not_a_warehouse', format('%s is a %s, not a warehouse.', l.code, l.type));
  END IF;
  IF l.site_id <> st.site_id THEN
    PERFORM amms_private.reject('other_site', format('Warehouse %s belongs to another site.', l.code));
  END IF;
  RETURN l;
END $$;

-- stock.receive: several lines into warehouse bins; new bin rows are created as needed.
-- payload: { lines: [{ part_id, location_id, bin_location, qty, stock_id? }], supplier_ref?, note? }
CREATE FUNCTION amms_private.op_stock_receive(st stations, actor users, payload jsonb) RETURNS jsonb
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
  IF jsonb_typeof(payload -> 'lines') <> 'array' OR jsonb_array_length(payload -> 'lines') = 0 THEN
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

-- wallet.issue: parts from a warehouse bin into a technician's wallet, atomically.
-- payload: { part_id, location_id, bin_location, technician_id, qty }
CREATE FUNCTION amms_private.op_wallet_issue(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  tech users;
  qty numeric;
  stock inventory_stock;
  held numeric;
  bin text := upper(btrim(coalesce(payload ->> 'bin_location', '')));
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity issued');
  SELECT * INTO tech FROM users
   WHERE id = amms_private.payload_uuid(payload, 'technician_id', 'The technician') AND tenant_id = st.tenant_id;
  IF NOT FOUND OR NOT tech.is_active THEN
    PERFORM amms_private.reject('unknown_technician', 'That technician is not an active user.');
  END IF;
  IF tech.role <> 'technician' THEN
    PERFORM amms_private.reject('not_a_technician', format('%s is a %s; only technicians hold a wallet.', tech.full_name, tech.role));
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('no_stock', format('There is no %s in bin %s of %s.', p.sku, bin, l.code));
  END IF;
  IF stock.qty_on_hand < qty THEN
    PERFORM amms_private.reject('insufficient_stock',
      format('Only %s of %s left in bin %s; cannot issue %s.', trim_scale(stock.qty_on_hand), p.sku, bin, trim_scale(qty)));
  END IF;
  UPDATE inventory_stock SET qty_on_hand = qty_on_hand - qty WHERE id = stock.id;
  INSERT INTO inventory_wallets AS w (tenant_id, user_id, part_id, qty_held)
  VALUES (st.tenant_id, tech.id, p.id, qty)
  ON CONFLICT (tenant_id, user_id, part_id) DO UPDATE SET qty_held = w.qty_held + EXCLUDED.qty_held
  RETURNING w.qty_held INTO held;
  RETURN jsonb_build_object('stock_id', stock.id, 'qty_on_hand', stock.qty_on_hand - qty, 'technician_id', tech.id,
    'qty_held', held);
END $$;

-- daily_log.record: a supervisor's run hours and fuel for one asset and day; the asset's run-hour
-- meter moves up by the hours added.
-- payload: { log_id?, asset_id, date (YYYY-MM-DD), run_hours_added, fuel_liters_added, notes? }
CREATE FUNCTION amms_private.op_daily_log_record(st stations, actor users, payload jsonb) RETURNS jsonb
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
  BEGIN
    log_date := (payload ->> 'date')::date;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'date'));
  END;
  IF log_date IS NULL OR log_date > current_date + 1 THEN
    PERFORM amms_private.reject('invalid_date', 'A daily log cannot be for a future day.');
  END IF;
  IF jsonb_typeof(payload -> 'run_hours_added') <> 'number' OR jsonb_typeof(payload -> 'fuel_liters_added') <> 'number' THEN
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

INSERT INTO amms_private.op_types (op_type, roles, apply_function) VALUES
  ('stock.receive', '{storekeeper,manager,admin}', 'amms_private.op_stock_receive(stations, users, jsonb)'),
  ('wallet.issue', '{storekeeper,manager,admin}', 'amms_private.op_wallet_issue(stations, users, jsonb)'),
  ('daily_log.record', '{supervisor,manager,admin}', 'amms_private.op_daily_log_record(stations, users, jsonb)');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
