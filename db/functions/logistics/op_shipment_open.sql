-- shipment.open: a logistics clerk opens a truck at the station's site, bound for another site.
-- The gate pass reference is made by the station, offline too: GP-<the station's prefix>-<its own
-- number> (stations.gate_pass_prefix). Only the pushing station's prefix is accepted, so two
-- stations can never take the same reference; a reference already used is refused.
-- payload: { shipment_id, gate_pass_ref, destination_id, vehicle_reg, trailer_reg?, driver_name,
--            driver_id_number, jms_reference?, returnable?, expected_return_date?,
--            return_of_shipment_id?, notes? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_open(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  new_id uuid := amms_private.payload_uuid(payload, 'shipment_id', 'The shipment');
  ref text := upper(btrim(coalesce(payload ->> 'gate_pass_ref', '')));
  destination locations;
  vehicle text;
  trailer text;
  driver text;
  driver_doc text;
  jms text;
  returnable boolean;
  return_date date;
  original shipments;
  v_notes text;
BEGIN
  IF ref = '' THEN
    PERFORM amms_private.reject('missing_field', 'The gate pass reference is missing.');
  END IF;
  IF ref !~ ('^GP-' || st.gate_pass_prefix || '-[0-9]{4,9}$') THEN
    PERFORM amms_private.reject('invalid_gate_pass', format(
      '%s is not a gate pass reference of this station; its references are GP-%s-0001, GP-%s-0002 and so on.',
      ref, st.gate_pass_prefix, st.gate_pass_prefix));
  END IF;
  IF EXISTS (SELECT 1 FROM shipments s WHERE s.tenant_id = st.tenant_id AND s.id = new_id) THEN
    PERFORM amms_private.reject('duplicate_shipment', 'That shipment already exists.');
  END IF;
  IF EXISTS (SELECT 1 FROM shipments s WHERE s.tenant_id = st.tenant_id AND s.gate_pass_ref = ref) THEN
    PERFORM amms_private.reject('gate_pass_taken', format('Gate pass %s is already used by another shipment.', ref));
  END IF;

  SELECT * INTO destination FROM locations l
   WHERE l.tenant_id = st.tenant_id AND l.id = amms_private.payload_uuid(payload, 'destination_id', 'The destination');
  IF NOT FOUND OR NOT destination.is_active THEN
    PERFORM amms_private.reject('unknown_location', 'That destination does not exist.');
  END IF;
  IF destination.site_id = st.site_id THEN
    PERFORM amms_private.reject('same_site', format('%s is at this site; a truck goes to another site.', destination.code));
  END IF;

  vehicle := amms_private.payload_code(payload, 'vehicle_reg', '^[A-Z0-9][A-Z0-9 -]{1,19}$', 'vehicle registration');
  IF vehicle IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The vehicle registration is missing.');
  END IF;
  trailer := amms_private.payload_code(payload, 'trailer_reg', '^[A-Z0-9][A-Z0-9 -]{1,19}$', 'trailer registration');
  driver := amms_private.payload_text(payload, 'driver_name', 100, 'The driver''s name');
  IF driver IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The driver''s name is missing.');
  END IF;
  driver_doc := amms_private.payload_code(payload, 'driver_id_number', '^[A-Z0-9][A-Z0-9 /-]{2,29}$',
    'identity document number');
  IF driver_doc IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The driver''s identity document number is missing.');
  END IF;
  jms := amms_private.payload_text(payload, 'jms_reference', 40, 'The JMS trip reference');
  v_notes := amms_private.payload_text(payload, 'notes', 500, 'The remarks');

  returnable := coalesce(amms_private.payload_boolean(payload, 'returnable', 'Returnable'), false);
  IF payload ->> 'expected_return_date' IS NOT NULL THEN
    IF NOT returnable THEN
      PERFORM amms_private.reject('invalid_field', 'Only a returnable pass has an expected return date.');
    END IF;
    IF payload ->> 'expected_return_date' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
      PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'expected_return_date'));
    END IF;
    BEGIN
      return_date := (payload ->> 'expected_return_date')::date;
    EXCEPTION WHEN OTHERS THEN
      PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'expected_return_date'));
    END;
    IF return_date < current_date - 1 THEN
      PERFORM amms_private.reject('invalid_date', 'The expected return date cannot be in the past.');
    END IF;
  ELSIF returnable THEN
    PERFORM amms_private.reject('missing_field', 'A returnable pass needs the date the goods are expected back.');
  END IF;

  IF payload ? 'return_of_shipment_id' AND jsonb_typeof(payload -> 'return_of_shipment_id') <> 'null' THEN
    SELECT * INTO original FROM shipments s
     WHERE s.tenant_id = st.tenant_id
       AND s.id = amms_private.payload_uuid(payload, 'return_of_shipment_id', 'The returnable pass');
    IF NOT FOUND OR NOT original.is_returnable THEN
      PERFORM amms_private.reject('not_returnable', 'That shipment is not a returnable pass.');
    END IF;
    IF original.returned_at IS NOT NULL THEN
      PERFORM amms_private.reject('already_returned', format('The goods of %s are already back.', original.gate_pass_ref));
    END IF;
    IF (SELECT l.site_id FROM locations l WHERE l.id = original.destination_location_id) IS DISTINCT FROM st.site_id
       OR (SELECT l.site_id FROM locations l WHERE l.id = original.origin_location_id) IS DISTINCT FROM destination.site_id THEN
      PERFORM amms_private.reject('return_route', format('%s went from %s to %s; its goods go back from %s to %s.',
        original.gate_pass_ref, amms_private.site_code(st.tenant_id, original.origin_location_id),
        amms_private.site_code(st.tenant_id, original.destination_location_id),
        amms_private.site_code(st.tenant_id, original.destination_location_id),
        amms_private.site_code(st.tenant_id, original.origin_location_id)));
    END IF;
  END IF;

  INSERT INTO shipments (id, tenant_id, gate_pass_ref, jms_reference, driver_name, vehicle_reg, origin_location_id,
    destination_location_id, status, created_by_user_id, driver_id_number, trailer_reg, notes, is_returnable,
    expected_return_date, return_of_shipment_id)
  VALUES (new_id, st.tenant_id, ref, jms, driver, vehicle, st.site_id, destination.id, 'loading', actor.id, driver_doc,
    trailer, v_notes, returnable, return_date, original.id);
  RETURN jsonb_build_object('shipment_id', new_id, 'gate_pass_ref', ref, 'destination', destination.code);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_open(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.open', '{logistics_clerk,supervisor,manager,admin}', 'amms_private.op_shipment_open(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
