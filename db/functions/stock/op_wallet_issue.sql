-- wallet.issue: parts from a warehouse bin into a technician's wallet, atomically; never from
-- the quarantine bin. The technician must be an active user with the technician role.
-- payload: { part_id, location_id, bin_location, technician_id, qty }
--
-- Writes an 'issue' movement: the bin's change and balance, and the wallet's balance.
--
-- Before this file: migrations 0006 and 0009 (stock movement history, quarantine).

CREATE OR REPLACE FUNCTION amms_private.op_wallet_issue(st stations, actor users, payload jsonb) RETURNS jsonb
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
  stock := amms_private.take_from_bin(st, p, l, bin, qty, 'issue');
  INSERT INTO inventory_wallets AS w (tenant_id, user_id, part_id, qty_held)
  VALUES (st.tenant_id, tech.id, p.id, qty)
  ON CONFLICT (tenant_id, user_id, part_id) DO UPDATE SET qty_held = w.qty_held + EXCLUDED.qty_held
  RETURNING w.qty_held INTO held;
  PERFORM amms_private.record_movement(st, actor, 'issue', p.id, l.id, bin, tech.id, NULL, -qty, stock.qty_on_hand,
    held, NULL, NULL, NULL);
  RETURN jsonb_build_object('stock_id', stock.id, 'qty_on_hand', stock.qty_on_hand, 'technician_id', tech.id,
    'qty_held', held);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wallet_issue(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wallet.issue', '{storekeeper,manager,admin}', 'amms_private.op_wallet_issue(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
