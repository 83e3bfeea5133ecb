-- Which meter an operation is about: payload.meter, "run_hours" (the default) or "odometer".
CREATE OR REPLACE FUNCTION amms_private.maint_payload_meter(payload jsonb) RETURNS meter_kind
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF payload ->> 'meter' IS NULL THEN
    RETURN 'run_hours';
  END IF;
  IF payload ->> 'meter' NOT IN ('run_hours', 'odometer') THEN
    PERFORM amms_private.reject('invalid_field', format('"%s" is not a meter (run_hours or odometer).', payload ->> 'meter'));
  END IF;
  RETURN (payload ->> 'meter')::meter_kind;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_payload_meter(jsonb) FROM PUBLIC;
