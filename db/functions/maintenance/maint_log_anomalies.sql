-- The anomalies of a daily log: those the supervisor confirmed at the station (payload.anomalies,
-- [{code, message}], codes below, messages up to 300 characters, each code once), plus those the
-- server sees itself and the station did not report: fuel without hours, and hours on an asset
-- that is out of service or in transit. The station also reports hours far above the asset's own
-- normal and a burn rate (litres per hour) outside the asset's own band; it has the history.
-- Rejection: invalid_field.
CREATE OR REPLACE FUNCTION amms_private.maint_log_anomalies(a assets, hours numeric, fuel numeric, payload jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  given jsonb := payload -> 'anomalies';
  item jsonb;
  result jsonb := '[]'::jsonb;
  codes text[] := '{}';
  known constant text[] := ARRAY['hours_above_normal', 'burn_rate_outside_band', 'fuel_without_hours',
    'hours_out_of_service', 'hours_in_transit'];
BEGIN
  IF given IS NOT NULL AND jsonb_typeof(given) <> 'null' THEN
    IF jsonb_typeof(given) <> 'array' OR jsonb_array_length(given) > 10 THEN
      PERFORM amms_private.reject('invalid_field', 'The anomalies must be a list of at most 10.');
    END IF;
    FOR item IN SELECT value FROM jsonb_array_elements(given) LOOP
      IF jsonb_typeof(item) <> 'object' OR coalesce(item ->> 'code', '') <> ALL (known)
         OR jsonb_typeof(item -> 'message') IS DISTINCT FROM 'string'
         OR char_length(btrim(item ->> 'message')) NOT BETWEEN 1 AND 300 THEN
        PERFORM amms_private.reject('invalid_field', format('%s is not a known anomaly with a message.', item));
      END IF;
      IF (item ->> 'code') = ANY (codes) THEN
        PERFORM amms_private.reject('invalid_field', format('The anomaly %s is listed twice.', item ->> 'code'));
      END IF;
      codes := codes || (item ->> 'code');
      result := result || jsonb_build_array(jsonb_build_object('code', item ->> 'code', 'message', btrim(item ->> 'message')));
    END LOOP;
  END IF;
  IF fuel > 0 AND hours = 0 AND NOT 'fuel_without_hours' = ANY (codes) THEN
    result := result || jsonb_build_array(jsonb_build_object('code', 'fuel_without_hours',
      'message', format('%s L of fuel with no run hours.', amms_private.fmt_number(fuel))));
  END IF;
  IF hours > 0 AND a.status = 'out_of_service' AND NOT 'hours_out_of_service' = ANY (codes) THEN
    result := result || jsonb_build_array(jsonb_build_object('code', 'hours_out_of_service',
      'message', format('%s h on an asset that is out of service.', amms_private.fmt_number(hours))));
  END IF;
  IF hours > 0 AND a.status = 'in_transit' AND NOT 'hours_in_transit' = ANY (codes) THEN
    result := result || jsonb_build_array(jsonb_build_object('code', 'hours_in_transit',
      'message', format('%s h on an asset that is in transit.', amms_private.fmt_number(hours))));
  END IF;
  RETURN result;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_log_anomalies(assets, numeric, numeric, jsonb) FROM PUBLIC;
