-- wo.consume: parts used on a work order, from a technician's wallet or from a warehouse bin, at
-- the part's catalogue price at this moment (cost_at_time). Allowed on a work order that is ready
-- or in progress; with Agile Mode (tenants.settings.agile_mode) also on a draft; never on a closed
-- or cancelled one. A technician books only from their own wallet.
-- payload: { wo_id, part_id, qty, source: 'wallet' | 'warehouse', technician_id (wallet),
--            location_id + bin_location (warehouse), consumable_id? }
--
-- It belongs to the stock domain: it moves stock and wallets at the counter. Who may do it:
-- technicians book what they used from their own wallet (checked here), storekeepers book parts
-- handed out for a job straight from a bin, supervisors book for their crews; managers and admins
-- may do everything. Writes a 'consume' movement.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.op_wo_consume(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  wo work_orders;
  p parts;
  qty numeric;
  source text := payload ->> 'source';
  tech users;
  l locations;
  bin text;
  stock inventory_stock;
  remaining numeric;
  agile boolean;
  new_id uuid;
BEGIN
  -- FOR SHARE: the work order cannot be closed or cancelled while parts are booked to it.
  SELECT * INTO wo FROM work_orders
   WHERE id = amms_private.payload_uuid(payload, 'wo_id', 'The work order') AND tenant_id = st.tenant_id
   FOR SHARE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_work_order', 'That work order does not exist.');
  END IF;
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity used');
  IF wo.status IN ('closed', 'cancelled') THEN
    PERFORM amms_private.reject('wo_closed',
      format('Work order %s is %s; parts can no longer be booked to it.', wo.code, wo.status));
  END IF;
  IF wo.status = 'draft' THEN
    SELECT coalesce((t.settings ->> 'agile_mode')::boolean, false) INTO agile FROM tenants t WHERE t.id = st.tenant_id;
    IF NOT agile THEN
      PERFORM amms_private.reject('wo_not_ready',
        format('Work order %s is still a draft; parts can be booked once it is ready (or with Agile Mode on).', wo.code));
    END IF;
  END IF;
  IF source IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The source is missing.');
  END IF;
  IF source NOT IN ('wallet', 'warehouse') THEN
    PERFORM amms_private.reject('invalid_field', 'The source must be "wallet" or "warehouse".');
  END IF;
  new_id := CASE WHEN payload ? 'consumable_id'
                 THEN amms_private.payload_uuid(payload, 'consumable_id', 'The consumable') ELSE gen_random_uuid() END;

  IF source = 'wallet' THEN
    tech := amms_private.load_wallet_technician(st, amms_private.payload_uuid(payload, 'technician_id', 'The technician'));
    IF actor.role = 'technician' AND tech.id <> actor.id THEN
      PERFORM amms_private.reject('forbidden',
        format('%s (technician) can only book parts from their own wallet.', actor.full_name));
    END IF;
    remaining := amms_private.take_from_wallet(st, tech, p, qty, 'use');
    INSERT INTO wo_consumables (id, tenant_id, wo_id, part_id, qty_used, cost_at_time, source, source_user_id,
      consumed_by_user_id)
    VALUES (new_id, st.tenant_id, wo.id, p.id, qty, p.unit_cost, 'wallet', tech.id, actor.id);
    PERFORM amms_private.record_movement(st, actor, 'consume', p.id, NULL, NULL, tech.id, wo.id, -qty, remaining, remaining,
      p.unit_cost, NULL, NULL);
    RETURN jsonb_build_object('consumable_id', new_id, 'wo_id', wo.id, 'source', source, 'cost_at_time', p.unit_cost,
      'technician_id', tech.id, 'qty_held', remaining);
  END IF;

  IF actor.role = 'technician' THEN
    PERFORM amms_private.reject('forbidden',
      format('%s (technician) can only book parts from their own wallet.', actor.full_name));
  END IF;
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  bin := amms_private.payload_bin(payload, 'bin_location');
  stock := amms_private.take_from_bin(st, p, l, bin, qty, 'use');
  INSERT INTO wo_consumables (id, tenant_id, wo_id, part_id, qty_used, cost_at_time, source, source_location_id,
    source_bin, consumed_by_user_id)
  VALUES (new_id, st.tenant_id, wo.id, p.id, qty, p.unit_cost, 'warehouse', l.id, bin, actor.id);
  PERFORM amms_private.record_movement(st, actor, 'consume', p.id, l.id, bin, NULL, wo.id, -qty, stock.qty_on_hand,
    NULL, p.unit_cost, NULL, NULL);
  RETURN jsonb_build_object('consumable_id', new_id, 'wo_id', wo.id, 'source', source, 'cost_at_time', p.unit_cost,
    'stock_id', stock.id, 'qty_on_hand', stock.qty_on_hand);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_consume(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.consume', '{technician,storekeeper,supervisor,manager,admin}', 'amms_private.op_wo_consume(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
