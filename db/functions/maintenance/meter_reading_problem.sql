-- What is wrong with a reading of a meter (its continuous total at a time), or NULL: readings stay
-- in time order (not below the reading before, not above the reading after) and a run-hour meter
-- runs at most one hour per hour of clock time between readings. Returns {code, message}; the
-- message quotes the neighbouring readings as their meters showed them, in the given time zone.
CREATE OR REPLACE FUNCTION amms_private.meter_reading_problem(
  p_tenant uuid, p_asset uuid, p_meter meter_kind, p_at timestamp with time zone, p_reading numeric, p_total numeric,
  p_exclude uuid, p_zone interval
) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  prev meter_readings;
  next meter_readings;
  unit text := amms_private.meter_unit(p_meter);
  this text := format('%s %s on %s', amms_private.fmt_number(p_reading), unit, amms_private.fmt_time(p_at, p_zone));
  prev_text text;
  next_text text;
  clock_hours numeric;
BEGIN
  SELECT * INTO prev FROM meter_readings r
   WHERE r.tenant_id = p_tenant AND r.asset_id = p_asset AND r.meter = p_meter AND r.read_at <= p_at
     AND r.id IS DISTINCT FROM p_exclude
   ORDER BY r.read_at DESC, r.meter_total DESC LIMIT 1;
  SELECT * INTO next FROM meter_readings r
   WHERE r.tenant_id = p_tenant AND r.asset_id = p_asset AND r.meter = p_meter AND r.read_at > p_at
     AND r.id IS DISTINCT FROM p_exclude
   ORDER BY r.read_at, r.meter_total LIMIT 1;
  IF prev.id IS NOT NULL THEN
    prev_text := format('%s %s on %s', amms_private.fmt_number(prev.reading), unit, amms_private.fmt_time(prev.read_at, p_zone));
  END IF;
  IF next.id IS NOT NULL THEN
    next_text := format('%s %s on %s', amms_private.fmt_number(next.reading), unit, amms_private.fmt_time(next.read_at, p_zone));
  END IF;
  IF prev.id IS NOT NULL AND p_total < prev.meter_total THEN
    RETURN jsonb_build_object('code', 'reading_out_of_order', 'message',
      format('A reading of %s is below the reading before it (%s)%s. Readings must stay in time order.', this, prev_text,
        CASE WHEN next_text IS NULL THEN '' ELSE format('; the reading after it is %s', next_text) END));
  END IF;
  IF next.id IS NOT NULL AND p_total > next.meter_total THEN
    RETURN jsonb_build_object('code', 'reading_out_of_order', 'message',
      format('A reading of %s is above the reading after it (%s)%s. Readings must stay in time order.', this, next_text,
        CASE WHEN prev_text IS NULL THEN '' ELSE format('; the reading before it is %s', prev_text) END));
  END IF;
  IF p_meter = 'run_hours' AND prev.id IS NOT NULL THEN
    clock_hours := extract(epoch FROM p_at - prev.read_at) / 3600;
    IF p_total - prev.meter_total > clock_hours + 0.01 THEN
      RETURN jsonb_build_object('code', 'reading_implausible', 'message',
        format('A reading of %s would mean %s run hours in the %s hours since the reading of %s.', this,
          amms_private.fmt_number(p_total - prev.meter_total), amms_private.fmt_number(round(clock_hours, 1)), prev_text));
    END IF;
  END IF;
  IF p_meter = 'run_hours' AND next.id IS NOT NULL THEN
    clock_hours := extract(epoch FROM next.read_at - p_at) / 3600;
    IF next.meter_total - p_total > clock_hours + 0.01 THEN
      RETURN jsonb_build_object('code', 'reading_implausible', 'message',
        format('A reading of %s would mean %s run hours in the %s hours up to the reading of %s.', this,
          amms_private.fmt_number(next.meter_total - p_total), amms_private.fmt_number(round(clock_hours, 1)), next_text));
    END IF;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.meter_reading_problem(uuid, uuid, meter_kind, timestamp with time zone, numeric, numeric, uuid, interval) FROM PUBLIC;
