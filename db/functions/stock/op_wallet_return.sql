-- wallet.return: unused parts from a technician's wallet back into a bin of the station's site.
-- Defective parts go to the warehouse's QUARANTINE bin (bin_location may then be left out), where
-- they are out of usable stock and cannot be issued or used; usable parts never go there.
-- payload: { part_id, technician_id, location_id, bin_location?, qty, defective?, note? }
--
-- A technician who left (inactive) may still give parts back; the wallet must be kept at the
-- station's site. Writes a 'return' or 'return_defective' movement.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.op_wallet_return(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  tech users;
  qty numeric;
  bin text;
  defective boolean;
  note text;
  stock inventory_stock;
  held numeric;
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  tech := amms_private.load_wallet_technician(st, amms_private.payload_uuid(payload, 'technician_id', 'The technician'));
  qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity returned');
  IF jsonb_typeof(payload -> 'defective') NOT IN ('boolean', 'null') THEN
    PERFORM amms_private.reject('invalid_field', 'Defective must be true or false.');
  END IF;
  defective := coalesce((payload ->> 'defective')::boolean, false);
  IF defective THEN
    IF payload ->> 'bin_location' IS NOT NULL AND upper(btrim(payload ->> 'bin_location')) <> 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin',
        format('Defective parts go to bin QUARANTINE, not to %s.', upper(btrim(payload ->> 'bin_location'))));
    END IF;
    bin := 'QUARANTINE';
  ELSE
    bin := amms_private.payload_bin(payload, 'bin_location');
    IF bin = 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin',
        'Bin QUARANTINE is for defective parts; mark the return as defective or choose another bin.');
    END IF;
  END IF;
  note := amms_private.payload_text(payload, 'note', 500, 'The note');
  stock := amms_private.add_to_bin(st, p, l, bin, qty, NULL);
  held := amms_private.take_from_wallet(st, tech, p, qty, 'return');
  PERFORM amms_private.record_movement(st, actor,
    (CASE WHEN defective THEN 'return_defective' ELSE 'return' END)::stock_movement_type,
    p.id, l.id, bin, tech.id, NULL, qty, stock.qty_on_hand, held, NULL, NULL, note);
  RETURN jsonb_build_object('stock_id', stock.id, 'bin_location', bin, 'qty_on_hand', stock.qty_on_hand,
    'technician_id', tech.id, 'qty_held', held, 'defective', defective);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wallet_return(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wallet.return', '{storekeeper,manager,admin}', 'amms_private.op_wallet_return(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
