-- Loads an asset and its components onto a loading shipment (shipment.load with asset_id): one
-- movement per asset, the components' hanging on their unit's (parent_movement_id). Refuses an
-- asset that is not at this site, disposed, or on an open movement (this truck: scanned twice;
-- another: "EX-101 is already on GP-NBO1-0042 loading at ACME-NBO"), and a unit one of whose
-- components is on another truck. A component already on this truck on its own joins its unit.
-- An asset with a parent leaves it (detached_from_asset_id; the link is cut at dispatch).
-- The asset and its components are locked, so two stations loading the same asset onto two
-- trucks are applied one after the other: the second is refused.
-- Movements are stamped with clock_timestamp(), not now(): a pushed batch is one transaction, and
-- the truck's lines are listed by created_at in the order the clerk loaded them.
CREATE OR REPLACE FUNCTION amms_private.load_shipment_asset(st stations, actor users, s shipments, payload jsonb)
RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  c record;
  m asset_movements;
  label text;
  movement uuid := CASE WHEN payload ? 'movement_id'
    THEN amms_private.payload_uuid(payload, 'movement_id', 'The movement') ELSE gen_random_uuid() END;
  by_asset jsonb;
  child_movement uuid;
  components jsonb := '[]'::jsonb;
  asset_site uuid;
BEGIN
  IF actor.role = 'storekeeper' THEN
    PERFORM amms_private.reject('forbidden',
      format('%s (storekeeper) loads parts only; assets are loaded by a logistics clerk.', actor.full_name));
  END IF;
  SELECT * INTO a FROM assets
   WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  label := amms_private.asset_code(st.tenant_id, a.id);
  IF a.status = 'disposed' THEN
    PERFORM amms_private.reject('asset_disposed', format('%s is disposed; it cannot be loaded.', label));
  END IF;
  SELECT l.site_id INTO asset_site FROM locations l WHERE l.id = a.location_id AND l.tenant_id = a.tenant_id;
  IF asset_site IS DISTINCT FROM st.site_id THEN
    PERFORM amms_private.reject('asset_other_site', format('%s is at %s, not at this site (%s).', label,
      amms_private.site_code(st.tenant_id, a.location_id), amms_private.site_code(st.tenant_id, st.site_id)));
  END IF;
  m := amms_private.open_movement_of(st.tenant_id, a.id);
  IF m.id IS NOT NULL THEN
    IF m.shipment_id = s.id AND m.parent_movement_id IS NOT NULL THEN
      PERFORM amms_private.reject('scanned_twice', format('%s is already on this truck (%s) with its unit %s.', label,
        s.gate_pass_ref, amms_private.asset_code(st.tenant_id,
          (SELECT p.asset_id FROM asset_movements p WHERE p.id = m.parent_movement_id))));
    ELSIF m.shipment_id = s.id THEN
      PERFORM amms_private.reject('scanned_twice', format('%s is already on this truck (%s).', label, s.gate_pass_ref));
    END IF;
    PERFORM amms_private.reject('already_on_shipment', amms_private.open_movement_refusal(m, NULL));
  END IF;

  INSERT INTO asset_movements (id, tenant_id, asset_id, shipment_id, from_location_id, to_location_id, status,
    gate_pass_ref, detached_from_asset_id, asset_status_before, loaded_by_user_id, created_at)
  VALUES (movement, st.tenant_id, a.id, s.id, a.location_id, s.destination_location_id, 'loaded', s.gate_pass_ref,
    a.parent_id, amms_private.asset_status_before_trip(a), actor.id, clock_timestamp());
  by_asset := jsonb_build_object(a.id::text, movement);

  -- The components, parents before children, locked in that order.
  FOR c IN
    SELECT t.id, t.parent_id, t.depth FROM asset_subtree(a.id) t WHERE t.id <> a.id ORDER BY t.depth, t.id
  LOOP
    SELECT * INTO a FROM assets x WHERE x.id = c.id FOR UPDATE;
    IF a.status = 'disposed' THEN
      CONTINUE;
    END IF;
    IF NOT by_asset ? c.parent_id::text THEN
      CONTINUE; -- under a disposed component
    END IF;
    m := amms_private.open_movement_of(st.tenant_id, a.id);
    IF m.id IS NOT NULL AND m.shipment_id IS DISTINCT FROM s.id THEN
      PERFORM amms_private.reject('already_on_shipment',
        amms_private.open_movement_refusal(m, (payload ->> 'asset_id')::uuid));
    END IF;
    IF m.id IS NOT NULL THEN
      -- On this truck already: on its own it now travels with its unit; under another movement of
      -- this truck (a component of a component loaded on its own) it stays where it hangs.
      IF m.parent_movement_id IS NULL THEN
        UPDATE asset_movements SET parent_movement_id = (by_asset ->> c.parent_id::text)::uuid,
          detached_from_asset_id = NULL WHERE id = m.id;
      END IF;
      by_asset := by_asset || jsonb_build_object(a.id::text, m.id);
    ELSE
      child_movement := gen_random_uuid();
      INSERT INTO asset_movements (id, tenant_id, asset_id, shipment_id, from_location_id, to_location_id, status,
        gate_pass_ref, parent_movement_id, asset_status_before, loaded_by_user_id, created_at)
      VALUES (child_movement, st.tenant_id, a.id, s.id, a.location_id, s.destination_location_id, 'loaded',
        s.gate_pass_ref, (by_asset ->> c.parent_id::text)::uuid, amms_private.asset_status_before_trip(a), actor.id,
        clock_timestamp());
      by_asset := by_asset || jsonb_build_object(a.id::text, child_movement);
    END IF;
    components := components || to_jsonb(amms_private.asset_code(st.tenant_id, a.id));
  END LOOP;

  SELECT * INTO a FROM assets x WHERE x.id = (payload ->> 'asset_id')::uuid;
  RETURN jsonb_build_object('movement_id', movement, 'asset_id', a.id, 'asset', label, 'components', components,
    'leaves_parent', CASE WHEN a.parent_id IS NULL THEN NULL ELSE amms_private.asset_code(st.tenant_id, a.parent_id) END,
    'message', CASE WHEN a.parent_id IS NULL THEN NULL
      ELSE format('%s leaves its unit %s.', label, amms_private.asset_code(st.tenant_id, a.parent_id)) END);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.load_shipment_asset(stations, users, shipments, jsonb) FROM PUBLIC;
