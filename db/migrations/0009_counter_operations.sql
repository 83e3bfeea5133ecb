-- AMMS central database, migration 0009: the storekeeper's counter.
--
-- * stock_movements: the stock movement history. Every operation that changes a bin or a wallet
--   writes one row per movement (one per receipt line, issue, return, consumption or count), with
--   the operation, the station, the acting user and the quantities before and after. A
--   storekeeper reads it per part, per bin and per technician (indexes below); stations mirror
--   their site's share. Stations can read it (row-level security) and never write it.
-- * Quarantine: defective parts returned from a wallet go to the bin labelled QUARANTINE of the
--   warehouse they are returned to. Why a bin label rather than a flag on inventory_stock:
--   quarantined parts are physically kept apart (a cage or shelf), so a bin is what the
--   storekeeper sees and labels; the key "one stock row per part, warehouse and bin" stays as it
--   is (a flag would need a second row per bin and a wider unique key); screens, reports and the
--   station cache need no new column; and every rule is one comparison with the label. The rules:
--   nothing is received into QUARANTINE, usable returns do not go there, nothing is issued or used
--   from it, and it is counted like any bin (a count to 0 writes scrapped parts off).
--   part_stock_levels leaves QUARANTINE out of the usable quantity.
-- * New operation types wallet.return, wo.consume and stock.count; stock.receive and wallet.issue
--   are replaced in place (same signatures, so the op_types rows and grants stay) to write
--   stock_movements, to take an optional unit cost per receipt line and to refuse QUARANTINE.
-- * amms_push (0005) sets amms.op_id for the operation it applies, so the apply functions can name
--   the operation in stock_movements.
--
-- Concurrency: every function locks the rows it checks and then changes (SELECT ... FOR UPDATE,
-- or INSERT ... ON CONFLICT DO UPDATE, which locks the row it updates), always the bin's stock row
-- before a wallet row, so two stations working on the same bin or wallet serialise instead of
-- both taking the last parts, and they cannot deadlock on each other.

-- The history -------------------------------------------------------------------------------------

CREATE TYPE stock_movement_type AS ENUM ('receive', 'issue', 'return', 'return_defective', 'consume', 'adjust');

-- One row per movement. Signs: qty_delta is the signed change of the warehouse BIN when the
-- movement has a bin (location_id + bin_location), otherwise of the technician's WALLET; qty_after
-- is that same bin's (or wallet's) quantity right after the movement. A movement between a bin and
-- a wallet (issue, return) moves the opposite quantity in the wallet: its balance after is
-- wallet_qty_after. So: receive +q; issue -q (wallet +q); return and return_defective +q (wallet
-- -q); consume -q from the bin or, with no bin, from the wallet; adjust (a count) counted minus
-- the quantity before, possibly 0 (a count that found what the system had).
CREATE TABLE stock_movements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  op_id uuid NOT NULL,
  station_id uuid NOT NULL,
  movement_type stock_movement_type NOT NULL,
  part_id uuid NOT NULL,
  location_id uuid,
  bin_location text,
  technician_id uuid,
  wo_id uuid,
  qty_delta numeric(14, 3) NOT NULL,
  qty_after numeric(14, 3) NOT NULL,
  wallet_qty_after numeric(14, 3),
  unit_cost numeric(12, 2),
  supplier_ref text,
  reason text,
  performed_by_user_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT stock_movements_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT stock_movements_op_fk FOREIGN KEY (op_id) REFERENCES op_ledger (op_id),
  CONSTRAINT stock_movements_station_fk FOREIGN KEY (tenant_id, station_id) REFERENCES stations (tenant_id, id),
  CONSTRAINT stock_movements_part_fk FOREIGN KEY (tenant_id, part_id) REFERENCES parts (tenant_id, id),
  CONSTRAINT stock_movements_location_fk FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  CONSTRAINT stock_movements_technician_fk FOREIGN KEY (tenant_id, technician_id) REFERENCES users (tenant_id, id),
  CONSTRAINT stock_movements_wo_fk FOREIGN KEY (tenant_id, wo_id) REFERENCES work_orders (tenant_id, id),
  CONSTRAINT stock_movements_performed_by_fk FOREIGN KEY (tenant_id, performed_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT stock_movements_bin_with_location CHECK ((location_id IS NULL) = (bin_location IS NULL)),
  CONSTRAINT stock_movements_bin_format CHECK (bin_location ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
  CONSTRAINT stock_movements_qty_after_nonnegative CHECK (qty_after >= 0),
  CONSTRAINT stock_movements_wallet_after_with_technician CHECK ((technician_id IS NULL) = (wallet_qty_after IS NULL)),
  CONSTRAINT stock_movements_wallet_after_nonnegative CHECK (wallet_qty_after >= 0),
  CONSTRAINT stock_movements_unit_cost_nonnegative CHECK (unit_cost >= 0),
  CONSTRAINT stock_movements_supplier_ref CHECK (
    supplier_ref IS NULL OR (movement_type = 'receive' AND char_length(supplier_ref) BETWEEN 1 AND 80)
  ),
  CONSTRAINT stock_movements_reason_length CHECK (char_length(reason) BETWEEN 1 AND 500),
  CONSTRAINT stock_movements_shape CHECK (
    CASE movement_type
      WHEN 'receive' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta > 0
      WHEN 'issue' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta < 0
        AND bin_location <> 'QUARANTINE'
      WHEN 'return' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta > 0
        AND bin_location <> 'QUARANTINE'
      WHEN 'return_defective' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL
        AND qty_delta > 0 AND bin_location = 'QUARANTINE'
      WHEN 'consume' THEN wo_id IS NOT NULL AND qty_delta < 0 AND unit_cost IS NOT NULL
        AND (location_id IS NULL) <> (technician_id IS NULL) AND bin_location IS DISTINCT FROM 'QUARANTINE'
      WHEN 'adjust' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND reason IS NOT NULL
    END
  )
);
COMMENT ON TABLE stock_movements IS
  'Stock movement history: one row per movement of a bin or wallet, written by the operation functions only.';
COMMENT ON COLUMN stock_movements.qty_delta IS
  'Signed change of the bin (location_id, bin_location); of the wallet (technician_id) when there is no bin.';
COMMENT ON COLUMN stock_movements.qty_after IS 'The bin''s quantity after the movement (the wallet''s when there is no bin).';
COMMENT ON COLUMN stock_movements.wallet_qty_after IS 'The technician''s wallet quantity after the movement, when a wallet moved.';
COMMENT ON COLUMN stock_movements.reason IS 'The count''s reason (adjust), or the note given with a receipt or a return.';

-- Reading history: per part, per bin, per technician, per work order, per operation.
CREATE INDEX stock_movements_part_idx ON stock_movements (tenant_id, part_id, occurred_at);
CREATE INDEX stock_movements_bin_idx ON stock_movements (tenant_id, location_id, bin_location, occurred_at)
  WHERE location_id IS NOT NULL;
CREATE INDEX stock_movements_technician_idx ON stock_movements (tenant_id, technician_id, occurred_at)
  WHERE technician_id IS NOT NULL;
CREATE INDEX stock_movements_wo_idx ON stock_movements (tenant_id, wo_id) WHERE wo_id IS NOT NULL;
CREATE INDEX stock_movements_op_idx ON stock_movements (op_id);
CREATE INDEX stock_movements_change_idx ON stock_movements (tenant_id, change_xid);

-- The same stamps, audit, tombstones and wake-ups as every tenant table (0003, 0005).
CREATE TRIGGER stock_movements_stamp BEFORE INSERT OR UPDATE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION amms_private.stamp_row();
CREATE TRIGGER stock_movements_audit_insert AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement();
CREATE TRIGGER stock_movements_audit_update AFTER UPDATE ON stock_movements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement();
CREATE TRIGGER stock_movements_audit_delete AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement();
CREATE TRIGGER stock_movements_tombstone AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.record_tombstones();
CREATE TRIGGER stock_movements_notify_insert AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync();
CREATE TRIGGER stock_movements_notify_update AFTER UPDATE ON stock_movements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync();
CREATE TRIGGER stock_movements_notify_delete AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync();

-- History is not rewritten: a wrong movement is corrected by a new one (a count). Deleting stays
-- possible for an administrator purging data (it leaves tombstones, so stations follow).
CREATE FUNCTION amms_private.stock_movements_unchangeable() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'A stock movement cannot be changed; book a correcting movement (a count) instead'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION amms_private.stock_movements_unchangeable();

-- Tenant isolation (0004): stations read their tenant's rows and write none.
ALTER TABLE stock_movements ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
CREATE POLICY stock_movements_own_tenant ON stock_movements
  USING (tenant_id = (SELECT current_station_tenant_id()))
  WITH CHECK (tenant_id = (SELECT current_station_tenant_id()));
GRANT SELECT ON stock_movements TO amms_station;

-- Quarantined parts are not usable stock.
CREATE OR REPLACE VIEW part_stock_levels WITH (security_invoker = true) AS
SELECT p.tenant_id, p.id AS part_id, p.sku, p.name, p.min_level, s.location_id,
       coalesce(sum(s.qty_on_hand), 0) AS qty_on_hand,
       coalesce(sum(s.qty_on_hand), 0) < p.min_level AS is_low
  FROM parts p
  LEFT JOIN inventory_stock s
    ON s.part_id = p.id AND s.tenant_id = p.tenant_id AND s.bin_location <> 'QUARANTINE'
 GROUP BY p.tenant_id, p.id, p.sku, p.name, p.min_level, s.location_id;

-- The entry point names the operation it applies --------------------------------------------------

-- As in 0007, plus amms.op_id (set next to amms.user_id, for the operation being applied).

-- Shared pieces of the operation functions ---------------------------------------------------------

-- A bin label from the payload, trimmed and upper-cased, or a rejection.
CREATE FUNCTION amms_private.payload_bin(payload jsonb, key text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  bin text := upper(btrim(coalesce(payload ->> key, '')));
BEGIN
  IF bin !~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$' THEN
    PERFORM amms_private.reject('invalid_bin', format('"%s" is not a valid bin label.', coalesce(payload ->> key, '')));
  END IF;
  RETURN bin;
END $$;

-- Optional free text: trimmed, at most max characters; missing, null or blank is NULL.
CREATE FUNCTION amms_private.payload_text(payload jsonb, key text, max integer, label text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value text;
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'string' THEN
    PERFORM amms_private.reject('invalid_field', format('%s must be text.', label));
  END IF;
  value := nullif(btrim(payload ->> key), '');
  IF char_length(value) > max THEN
    PERFORM amms_private.reject('invalid_field', format('%s can be at most %s characters.', label, max));
  END IF;
  RETURN value;
END $$;

-- An optional unit cost: a JSON number from 0 to 1,000,000 with at most 2 decimals, or NULL.
CREATE FUNCTION amms_private.checked_cost(raw jsonb, label text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  cost numeric;
BEGIN
  IF raw IS NULL OR jsonb_typeof(raw) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(raw) <> 'number' THEN
    PERFORM amms_private.reject('invalid_cost', format('%s must be a number.', label));
  END IF;
  cost := (raw #>> '{}')::numeric;
  IF cost < 0 THEN
    PERFORM amms_private.reject('invalid_cost', format('%s cannot be negative.', label));
  END IF;
  IF cost > 1000000 THEN
    PERFORM amms_private.reject('invalid_cost', format('%s of %s is more than 1,000,000.', label, cost));
  END IF;
  IF cost <> round(cost, 2) THEN
    PERFORM amms_private.reject('invalid_cost', format('%s has more than 2 decimals.', label));
  END IF;
  RETURN cost;
END $$;

-- A counted quantity: like amms_private.checked_quantity, but 0 is a valid count.
CREATE FUNCTION amms_private.checked_count(raw jsonb, part parts, label text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF jsonb_typeof(raw) = 'number' AND (raw #>> '{}')::numeric < 0 THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s cannot be negative.', label));
  END IF;
  IF jsonb_typeof(raw) = 'number' AND (raw #>> '{}')::numeric = 0 THEN
    RETURN 0;
  END IF;
  RETURN amms_private.checked_quantity(raw, part, label);
END $$;

-- The holder of a wallet that parts leave (a return, a consumption): a technician of the
-- organisation whose wallet this station keeps (home site = the station's site). A technician who
-- left (inactive) may still give parts back.
CREATE FUNCTION amms_private.load_wallet_technician(st stations, technician_id uuid) RETURNS users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  u users;
BEGIN
  SELECT * INTO u FROM users WHERE id = technician_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_technician', 'That technician does not exist.');
  END IF;
  IF u.role <> 'technician' THEN
    PERFORM amms_private.reject('not_a_technician', format('%s is a %s; only technicians hold a wallet.', u.full_name, u.role));
  END IF;
  IF u.site_id IS DISTINCT FROM st.site_id THEN
    PERFORM amms_private.reject('other_site', format('%s''s wallet is kept at another site.', u.full_name));
  END IF;
  RETURN u;
END $$;

-- Takes qty out of a warehouse bin (row locked), refusing the quarantine bin, a bin without the
-- part and more than the bin holds. verb: 'issue' or 'use', for the messages. Returns the row as
-- it is after the change.
CREATE FUNCTION amms_private.take_from_bin(st stations, p parts, l locations, bin text, qty numeric, verb text)
RETURNS inventory_stock
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  stock inventory_stock;
BEGIN
  IF bin = 'QUARANTINE' THEN
    PERFORM amms_private.reject('quarantined',
      format('Bin QUARANTINE of %s holds defective parts; they cannot be issued or used.', l.code));
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('no_stock', format('There is no %s in bin %s of %s.', p.sku, bin, l.code));
  END IF;
  IF stock.qty_on_hand < qty THEN
    PERFORM amms_private.reject('insufficient_stock',
      format('Only %s of %s left in bin %s; cannot %s %s.', trim_scale(stock.qty_on_hand), p.sku, bin, verb, trim_scale(qty)));
  END IF;
  UPDATE inventory_stock SET qty_on_hand = qty_on_hand - qty WHERE id = stock.id RETURNING * INTO stock;
  RETURN stock;
END $$;

-- Takes qty out of a technician's wallet (row locked), refusing more than it holds. verb:
-- 'return' or 'use'. Returns what the wallet holds after the change.
CREATE FUNCTION amms_private.take_from_wallet(st stations, tech users, p parts, qty numeric, verb text) RETURNS numeric
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  w inventory_wallets;
BEGIN
  SELECT * INTO w FROM inventory_wallets
   WHERE tenant_id = st.tenant_id AND user_id = tech.id AND part_id = p.id
   FOR UPDATE;
  IF NOT FOUND OR w.qty_held = 0 THEN
    PERFORM amms_private.reject('insufficient_wallet',
      format('%s holds no %s; cannot %s %s.', tech.full_name, p.sku, verb, trim_scale(qty)));
  END IF;
  IF w.qty_held < qty THEN
    PERFORM amms_private.reject('insufficient_wallet',
      format('%s holds only %s of %s; cannot %s %s.', tech.full_name, trim_scale(w.qty_held), p.sku, verb, trim_scale(qty)));
  END IF;
  UPDATE inventory_wallets SET qty_held = qty_held - qty WHERE id = w.id;
  RETURN w.qty_held - qty;
END $$;

-- Adds qty to a warehouse bin, creating its stock row (with stock_id when given) if needed.
-- Returns the row as it is after the change.
CREATE FUNCTION amms_private.add_to_bin(st stations, p parts, l locations, bin text, qty numeric, stock_id uuid)
RETURNS inventory_stock
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  stock inventory_stock;
BEGIN
  INSERT INTO inventory_stock AS s (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
  VALUES (coalesce(stock_id, gen_random_uuid()), st.tenant_id, p.id, l.id, bin, qty)
  ON CONFLICT (tenant_id, part_id, location_id, bin_location)
    DO UPDATE SET qty_on_hand = s.qty_on_hand + EXCLUDED.qty_on_hand
  RETURNING s.* INTO stock;
  RETURN stock;
END $$;

-- The operation being applied (set by amms_push).
CREATE FUNCTION amms_private.acting_op_id() RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT nullif(current_setting('amms.op_id', true), '')::uuid
$$;

-- Writes one history row for the operation being applied, by its acting user at its station.
CREATE FUNCTION amms_private.record_movement(
  st stations, actor users, kind stock_movement_type, part_id uuid, location_id uuid, bin text,
  technician_id uuid, wo_id uuid, qty_delta numeric, qty_after numeric, wallet_qty_after numeric,
  unit_cost numeric, supplier_ref text, reason text
) RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  new_id uuid;
BEGIN
  INSERT INTO stock_movements (tenant_id, op_id, station_id, movement_type, part_id, location_id, bin_location,
    technician_id, wo_id, qty_delta, qty_after, wallet_qty_after, unit_cost, supplier_ref, reason,
    performed_by_user_id)
  VALUES (st.tenant_id, amms_private.acting_op_id(), st.id, kind, part_id, location_id, bin, technician_id, wo_id,
    qty_delta, qty_after, wallet_qty_after, unit_cost, supplier_ref, reason, actor.id)
  RETURNING id INTO new_id;
  RETURN new_id;
END $$;

-- stock.receive and wallet.issue, now with history ---------------------------------------------------

-- stock.receive: several lines into warehouse bins; new bin rows are created as needed.
-- payload: { lines: [{ part_id, location_id, bin_location, qty, unit_cost?, stock_id? }], supplier_ref?, note? }
-- Each line writes a 'receive' movement with the line's unit cost and the receipt's supplier
-- reference and note. The unit cost is history only: the catalogue price (parts.unit_cost, used
-- as cost_at_time of consumptions) is maintained elsewhere.
CREATE OR REPLACE FUNCTION amms_private.op_stock_receive(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  line jsonb;
  p parts;
  l locations;
  qty numeric;
  bin text;
  cost numeric;
  stock inventory_stock;
  supplier text;
  note text;
  results jsonb := '[]'::jsonb;
BEGIN
  IF jsonb_typeof(payload -> 'lines') IS DISTINCT FROM 'array' OR jsonb_array_length(payload -> 'lines') = 0 THEN
    PERFORM amms_private.reject('empty_receipt', 'A receipt needs at least one line.');
  END IF;
  IF jsonb_array_length(payload -> 'lines') > 200 THEN
    PERFORM amms_private.reject('too_many_lines', 'A receipt can have at most 200 lines.');
  END IF;
  supplier := amms_private.payload_text(payload, 'supplier_ref', 80, 'The supplier reference');
  note := amms_private.payload_text(payload, 'note', 500, 'The note');
  FOR line IN SELECT value FROM jsonb_array_elements(payload -> 'lines') LOOP
    p := amms_private.load_part(st, amms_private.payload_uuid(line, 'part_id', 'The part'));
    l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(line, 'location_id', 'The warehouse'));
    qty := amms_private.checked_quantity(line -> 'qty', p, 'The quantity received');
    bin := amms_private.payload_bin(line, 'bin_location');
    IF bin = 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin', 'Bin QUARANTINE is for defective returns; receive into another bin.');
    END IF;
    cost := amms_private.checked_cost(line -> 'unit_cost', 'The unit cost');
    stock := amms_private.add_to_bin(st, p, l, bin, qty,
      CASE WHEN line ? 'stock_id' THEN amms_private.payload_uuid(line, 'stock_id', 'The stock row') END);
    PERFORM amms_private.record_movement(st, actor, 'receive', p.id, l.id, bin, NULL, NULL, qty, stock.qty_on_hand,
      NULL, cost, supplier, note);
    results := results || jsonb_build_object('stock_id', stock.id, 'part_id', p.id, 'sku', p.sku,
      'bin_location', bin, 'qty', qty, 'qty_on_hand', stock.qty_on_hand);
  END LOOP;
  RETURN jsonb_build_object('lines', results);
END $$;

-- wallet.issue: parts from a warehouse bin into a technician's wallet, atomically; never from
-- the quarantine bin.
-- payload: { part_id, location_id, bin_location, technician_id, qty }
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

-- The new operation types ----------------------------------------------------------------------------

-- wallet.return: unused parts from a technician's wallet back into a bin of the station's site.
-- Defective parts go to the warehouse's QUARANTINE bin (bin_location may then be left out).
-- payload: { part_id, technician_id, location_id, bin_location?, qty, defective?, note? }
CREATE FUNCTION amms_private.op_wallet_return(st stations, actor users, payload jsonb) RETURNS jsonb
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

-- wo.consume: parts used on a work order, from a technician's wallet or from a warehouse bin, at
-- the part's catalogue price at this moment (cost_at_time). Allowed on a work order that is ready
-- or in progress; with Agile Mode (tenants.settings.agile_mode) also on a draft; never on a closed
-- or cancelled one. A technician books only from their own wallet.
-- payload: { wo_id, part_id, qty, source: 'wallet' | 'warehouse', technician_id (wallet),
--            location_id + bin_location (warehouse), consumable_id? }
CREATE FUNCTION amms_private.op_wo_consume(st stations, actor users, payload jsonb) RETURNS jsonb
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

-- stock.count: a cycle count of one bin. The bin is set to the counted quantity AS THE SERVER
-- APPLIES IT (the count wins over whatever moved meanwhile); the difference is booked as an
-- 'adjust' movement with the mandatory reason. A count of 0 in a bin without a stock row books a
-- zero movement and creates no row.
-- payload: { part_id, location_id, bin_location, counted_qty, reason }
CREATE FUNCTION amms_private.op_stock_count(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  bin text;
  counted numeric;
  reason text;
  stock inventory_stock;
  qty_before numeric := 0;
  stock_id uuid;
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  bin := amms_private.payload_bin(payload, 'bin_location');
  counted := amms_private.checked_count(payload -> 'counted_qty', p, 'The counted quantity');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  IF reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'A count needs a reason (for example "cycle count").');
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND AND counted > 0 THEN
    INSERT INTO inventory_stock (tenant_id, part_id, location_id, bin_location, qty_on_hand)
    VALUES (st.tenant_id, p.id, l.id, bin, counted)
    ON CONFLICT (tenant_id, part_id, location_id, bin_location) DO NOTHING
    RETURNING id INTO stock_id;
    IF stock_id IS NULL THEN
      -- Another transaction created the row meanwhile: count against it.
      SELECT * INTO stock FROM inventory_stock
       WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
       FOR UPDATE;
    END IF;
  END IF;
  IF stock.id IS NOT NULL THEN
    stock_id := stock.id;
    qty_before := stock.qty_on_hand;
    IF qty_before <> counted THEN
      UPDATE inventory_stock SET qty_on_hand = counted WHERE id = stock.id;
    END IF;
  END IF;
  PERFORM amms_private.record_movement(st, actor, 'adjust', p.id, l.id, bin, NULL, NULL, counted - qty_before, counted,
    NULL, NULL, NULL, reason);
  RETURN jsonb_build_object('stock_id', stock_id, 'bin_location', bin, 'qty_before', qty_before,
    'counted_qty', counted, 'qty_delta', counted - qty_before, 'qty_on_hand', counted);
END $$;

-- Who may do what. wo.consume: technicians book what they used from their own wallet (checked
-- in the function), storekeepers book parts handed out for a job straight from a bin, supervisors
-- book for their crews; managers and admins may do everything.
INSERT INTO amms_private.op_types (op_type, roles, apply_function) VALUES
  ('wallet.return', '{storekeeper,manager,admin}', 'amms_private.op_wallet_return(stations, users, jsonb)'),
  ('wo.consume', '{technician,storekeeper,supervisor,manager,admin}', 'amms_private.op_wo_consume(stations, users, jsonb)'),
  ('stock.count', '{storekeeper,manager,admin}', 'amms_private.op_stock_count(stations, users, jsonb)');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
