-- AMMS central database, migration 0013: the logistics clerk's chain of custody.
--
-- What 0001 gave (shipments = the truck, asset_movements = each unit on it) and what a clerk who
-- loads, dispatches and receives trucks needs besides:
--
-- * Shipments: the driver's identity document number, a trailer, remarks, returnable passes (an
--   expected return date, and the shipment that brought the goods back), who cancelled and why,
--   which station is receiving the truck (one at a time: the first receipt claims it), the
--   receiving clerk's remark, and the final state "received with discrepancies". The state machine
--   (loading -> dispatched -> received | received_with_discrepancies; loading -> cancelled) is a
--   trigger, like the work orders'.
-- * Gate pass references allocated offline: each station gets a short prefix at enrolment
--   (stations.gate_pass_prefix: the last part of its site's code plus a number, NBO1, NBO2, MSA1),
--   unique in its organisation, and numbers its shipments itself: GP-NBO1-0042. The server only
--   accepts a reference with the pushing station's own prefix, so two stations can never pick the
--   same one, online or not (docs/adr/0016-gate-pass-references-and-trucks.md).
-- * Asset movements: a component travels with its unit (parent_movement_id), a unit or component
--   loaded on its own leaves its parent at dispatch (detached_from_asset_id), the asset's status
--   before the trip (restored at receipt), who loaded it, an asset that came off a truck without
--   being on its manifest (is_extra), and the status "missing" for what was dispatched and never
--   arrived. An asset is on at most one open (loaded or in transit) movement: the partial unique
--   index of 0001 enforces it.
-- * shipment_part_lines: parts on a truck, from a warehouse bin. They leave the bin at dispatch
--   and are in transit on the line (qty - received_qty), land in a bin of the destination at
--   receipt; what never arrives stays on the line as missing. Stock is therefore never negative
--   and never in two places: a bin's quantity and a line's in-transit quantity change in the same
--   transaction, and checks keep 0 <= received_qty <= qty.
-- * shipment_seals: seal numbers put on at dispatch, each checked at arrival (intact, broken, or
--   another number, recorded as found).
-- * shipment_receipt_lines: the blind receipt, one row per scan at the destination: an asset
--   (condition ok or damaged with a note) or a part quantity into a bin; a scan that is not on the
--   manifest is kept as extra, not refused. An asset is received once per shipment (unique).
-- * shipment_discrepancies: what finishing a receipt found, with a code (missing, extra, damaged,
--   wrong_item, seal_broken, seal_mismatch). Both ends of the truck see them.
-- * stock_movements: two new kinds, 'dispatch' (parts leave a bin onto a truck) and 'arrival'
--   (they land in a bin at the destination), each naming its shipment.
--
-- Every new table is a tenant table like the others: stamps, audit, tombstones, wake-ups, forced
-- row-level security, SELECT for stations and no writes. Rows that hang on a shipment never
-- change shipment (a trigger), so a station follows them through their shipment (sync scope).
-- The operation functions are in db/functions/logistics/.

-- Enumerations --------------------------------------------------------------------------------------

-- "received with discrepancies" belongs between received and cancelled. ALTER TYPE ... ADD VALUE
-- cannot be used by the checks of the same transaction, so the type is made again (shipments is
-- the only column of this type).
ALTER TABLE shipments DROP CONSTRAINT shipments_dispatched_state, DROP CONSTRAINT shipments_received_state;
ALTER TABLE shipments ALTER COLUMN status DROP DEFAULT;
ALTER TYPE shipment_status RENAME TO shipment_status_0001;
CREATE TYPE shipment_status AS ENUM ('loading', 'dispatched', 'received', 'received_with_discrepancies', 'cancelled');
ALTER TABLE shipments ALTER COLUMN status TYPE shipment_status USING status::text::shipment_status;
ALTER TABLE shipments ALTER COLUMN status SET DEFAULT 'loading';
DROP TYPE shipment_status_0001;

-- A movement dispatched and never received. Not open: the asset can be loaded again if it turns up
-- where it was (left behind on the dock), and its status stays in_transit until then.
ALTER TYPE movement_status ADD VALUE 'missing';

ALTER TYPE stock_movement_type ADD VALUE 'dispatch';
ALTER TYPE stock_movement_type ADD VALUE 'arrival';

CREATE TYPE seal_check_result AS ENUM ('intact', 'broken', 'mismatch');
CREATE TYPE receipt_condition AS ENUM ('ok', 'damaged');
CREATE TYPE discrepancy_code AS ENUM ('missing', 'extra', 'damaged', 'wrong_item', 'seal_broken', 'seal_mismatch');

-- Stations: the gate pass prefix -----------------------------------------------------------------------

ALTER TABLE stations ADD COLUMN gate_pass_prefix text;

-- The next free prefix for a station of a site: the last part of the site's code (letters and
-- digits, at most 4: ACME-NBO -> NBO) and the first number that makes it unique in the tenant
-- (NBO1, NBO2, ...). Serialised per tenant with an advisory lock.
CREATE FUNCTION amms_private.next_gate_pass_prefix(tenant uuid, site uuid) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  site_code text;
  base text;
  n integer := 1;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('amms.gate_pass_prefix'), hashtext(tenant::text));
  SELECT l.code INTO site_code FROM locations l WHERE l.id = site AND l.tenant_id = tenant;
  base := left(regexp_replace(coalesce(substring(site_code FROM '([^-]+)$'), ''), '[^A-Z0-9]', '', 'g'), 4);
  IF base = '' THEN
    base := 'ST';
  END IF;
  WHILE EXISTS (SELECT 1 FROM stations s WHERE s.tenant_id = tenant AND s.gate_pass_prefix = base || n) LOOP
    n := n + 1;
  END LOOP;
  RETURN base || n;
END $$;

CREATE FUNCTION amms_private.stations_gate_pass_prefix() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.gate_pass_prefix IS NULL THEN
    NEW.gate_pass_prefix := amms_private.next_gate_pass_prefix(NEW.tenant_id, NEW.site_id);
  ELSIF TG_OP = 'UPDATE' AND NEW.gate_pass_prefix IS DISTINCT FROM OLD.gate_pass_prefix THEN
    RAISE EXCEPTION 'A station''s gate pass prefix cannot change (its gate passes carry it)'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stations_gate_pass_prefix_fixed';
  END IF;
  RETURN NEW;
END $$;

DO $$
DECLARE s record;
BEGIN
  FOR s IN SELECT id, tenant_id, site_id FROM stations ORDER BY enrolled_at, id LOOP
    UPDATE stations SET gate_pass_prefix = amms_private.next_gate_pass_prefix(s.tenant_id, s.site_id) WHERE id = s.id;
  END LOOP;
END $$;

ALTER TABLE stations ALTER COLUMN gate_pass_prefix SET NOT NULL;
ALTER TABLE stations ADD CONSTRAINT stations_gate_pass_prefix_key UNIQUE (tenant_id, gate_pass_prefix);
ALTER TABLE stations ADD CONSTRAINT stations_gate_pass_prefix_format CHECK (gate_pass_prefix ~ '^[A-Z0-9]{2,8}$');
CREATE TRIGGER stations_gate_pass_prefix BEFORE INSERT OR UPDATE OF gate_pass_prefix ON stations
  FOR EACH ROW EXECUTE FUNCTION amms_private.stations_gate_pass_prefix();
COMMENT ON COLUMN stations.gate_pass_prefix IS
  'Short code of the station in its gate pass references (GP-<prefix>-<number>); set at enrolment, never changes.';

-- Shipments -----------------------------------------------------------------------------------------

ALTER TABLE shipments
  ADD COLUMN driver_id_number text,
  ADD COLUMN trailer_reg text,
  ADD COLUMN notes text,
  ADD COLUMN is_returnable boolean NOT NULL DEFAULT false,
  ADD COLUMN expected_return_date date,
  ADD COLUMN return_of_shipment_id uuid,
  ADD COLUMN returned_at timestamptz,
  ADD COLUMN returned_by_shipment_id uuid,
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN cancelled_by_user_id uuid,
  ADD COLUMN cancel_reason text,
  ADD COLUMN receiving_station_id uuid,
  ADD COLUMN receiving_started_at timestamptz,
  ADD COLUMN receipt_note text,
  ADD CONSTRAINT shipments_return_of_fk FOREIGN KEY (tenant_id, return_of_shipment_id) REFERENCES shipments (tenant_id, id),
  ADD CONSTRAINT shipments_returned_by_fk FOREIGN KEY (tenant_id, returned_by_shipment_id) REFERENCES shipments (tenant_id, id),
  ADD CONSTRAINT shipments_cancelled_by_fk FOREIGN KEY (tenant_id, cancelled_by_user_id) REFERENCES users (tenant_id, id),
  ADD CONSTRAINT shipments_receiving_station_fk FOREIGN KEY (tenant_id, receiving_station_id)
    REFERENCES stations (tenant_id, id),
  ADD CONSTRAINT shipments_dispatched_state CHECK (
    (status IN ('dispatched', 'received', 'received_with_discrepancies')) = (dispatched_at IS NOT NULL)
  ),
  ADD CONSTRAINT shipments_received_state CHECK (
    (status IN ('received', 'received_with_discrepancies')) = (received_at IS NOT NULL)
  ),
  ADD CONSTRAINT shipments_cancelled_state CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  ADD CONSTRAINT shipments_returnable_has_date CHECK (is_returnable = (expected_return_date IS NOT NULL)),
  ADD CONSTRAINT shipments_returned_state CHECK (
    (returned_at IS NULL) = (returned_by_shipment_id IS NULL) AND (returned_at IS NULL OR is_returnable)
  ),
  ADD CONSTRAINT shipments_not_own_return CHECK (
    return_of_shipment_id IS DISTINCT FROM id AND returned_by_shipment_id IS DISTINCT FROM id
  ),
  ADD CONSTRAINT shipments_receiving_claim CHECK ((receiving_station_id IS NULL) = (receiving_started_at IS NULL)),
  ADD CONSTRAINT shipments_driver_id_number_format CHECK (driver_id_number ~ '^[A-Z0-9][A-Z0-9 /-]{2,29}$'),
  ADD CONSTRAINT shipments_vehicle_reg_format CHECK (vehicle_reg ~ '^[A-Z0-9][A-Z0-9 -]{1,19}$'),
  ADD CONSTRAINT shipments_trailer_reg_format CHECK (trailer_reg ~ '^[A-Z0-9][A-Z0-9 -]{1,19}$'),
  ADD CONSTRAINT shipments_driver_name_length CHECK (char_length(btrim(driver_name)) BETWEEN 1 AND 100),
  ADD CONSTRAINT shipments_jms_reference_length CHECK (char_length(btrim(jms_reference)) BETWEEN 1 AND 40),
  ADD CONSTRAINT shipments_notes_length CHECK (char_length(notes) BETWEEN 1 AND 500),
  ADD CONSTRAINT shipments_cancel_reason_length CHECK (char_length(cancel_reason) BETWEEN 1 AND 500),
  ADD CONSTRAINT shipments_receipt_note_length CHECK (char_length(receipt_note) BETWEEN 1 AND 500);
COMMENT ON COLUMN shipments.driver_id_number IS 'The driver''s identity document or licence number, as the gate checks it.';
COMMENT ON COLUMN shipments.return_of_shipment_id IS 'The returnable pass whose goods this truck brings back.';
COMMENT ON COLUMN shipments.returned_by_shipment_id IS 'For a returnable pass: the shipment that brought the goods back.';
COMMENT ON COLUMN shipments.receiving_station_id IS 'The destination station receiving the truck (claimed by its first receipt).';

-- Overdue returnable passes, per origin.
CREATE INDEX shipments_returnable_open_idx ON shipments (tenant_id, origin_location_id, expected_return_date)
  WHERE is_returnable AND returned_at IS NULL;

CREATE FUNCTION amms_private.shipment_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'loading' AND NEW.status IN ('dispatched', 'cancelled'))
    OR (OLD.status = 'dispatched' AND NEW.status IN ('received', 'received_with_discrepancies'))
  ) THEN
    RAISE EXCEPTION 'Shipment % cannot go from % to %', OLD.gate_pass_ref, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'shipments_status_transition';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER shipments_status BEFORE UPDATE OF status ON shipments
  FOR EACH ROW EXECUTE FUNCTION amms_private.shipment_transition();

-- Asset movements -------------------------------------------------------------------------------------

ALTER TABLE asset_movements
  ADD COLUMN parent_movement_id uuid,
  ADD COLUMN detached_from_asset_id uuid,
  ADD COLUMN asset_status_before asset_status,
  ADD COLUMN loaded_by_user_id uuid,
  ADD COLUMN is_extra boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT asset_movements_parent_movement_fk FOREIGN KEY (tenant_id, parent_movement_id)
    REFERENCES asset_movements (tenant_id, id),
  ADD CONSTRAINT asset_movements_detached_from_fk FOREIGN KEY (tenant_id, detached_from_asset_id)
    REFERENCES assets (tenant_id, id),
  ADD CONSTRAINT asset_movements_loaded_by_fk FOREIGN KEY (tenant_id, loaded_by_user_id) REFERENCES users (tenant_id, id),
  ADD CONSTRAINT asset_movements_not_own_parent CHECK (parent_movement_id IS DISTINCT FROM id),
  ADD CONSTRAINT asset_movements_with_unit_or_detached CHECK (parent_movement_id IS NULL OR detached_from_asset_id IS NULL),
  ADD CONSTRAINT asset_movements_extra_on_shipment CHECK (NOT is_extra OR shipment_id IS NOT NULL);
COMMENT ON COLUMN asset_movements.parent_movement_id IS 'A component travelling with its unit: the unit''s movement.';
COMMENT ON COLUMN asset_movements.detached_from_asset_id IS 'Loaded without its parent: the parent it leaves at dispatch.';
COMMENT ON COLUMN asset_movements.asset_status_before IS 'The asset''s status before the trip, given back at receipt.';
COMMENT ON COLUMN asset_movements.is_extra IS 'Came off the truck without being on its manifest.';
CREATE INDEX asset_movements_parent_idx ON asset_movements (tenant_id, parent_movement_id)
  WHERE parent_movement_id IS NOT NULL;

-- Rows that hang on a shipment stay on it ------------------------------------------------------------

CREATE FUNCTION amms_private.shipment_row_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.shipment_id IS DISTINCT FROM OLD.shipment_id THEN
    RAISE EXCEPTION 'A row of shipment % cannot move to another shipment (%)', OLD.shipment_id, TG_TABLE_NAME
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_shipment_fixed';
  END IF;
  RETURN NEW;
END $$;

-- Part lines ------------------------------------------------------------------------------------------

CREATE TABLE shipment_part_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  shipment_id uuid NOT NULL,
  part_id uuid NOT NULL,
  source_location_id uuid NOT NULL,
  source_bin text NOT NULL,
  qty numeric(14, 3) NOT NULL,
  status movement_status NOT NULL DEFAULT 'loaded',
  received_qty numeric(14, 3) NOT NULL DEFAULT 0,
  received_location_id uuid,
  received_bin text,
  received_at timestamptz,
  received_by_user_id uuid,
  loaded_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT shipment_part_lines_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT shipment_part_lines_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
  CONSTRAINT shipment_part_lines_part_fk FOREIGN KEY (tenant_id, part_id) REFERENCES parts (tenant_id, id),
  CONSTRAINT shipment_part_lines_source_fk FOREIGN KEY (tenant_id, source_location_id) REFERENCES locations (tenant_id, id),
  CONSTRAINT shipment_part_lines_received_location_fk FOREIGN KEY (tenant_id, received_location_id)
    REFERENCES locations (tenant_id, id),
  CONSTRAINT shipment_part_lines_received_by_fk FOREIGN KEY (tenant_id, received_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_part_lines_loaded_by_fk FOREIGN KEY (tenant_id, loaded_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_part_lines_qty_positive CHECK (qty > 0),
  CONSTRAINT shipment_part_lines_received_qty_range CHECK (received_qty >= 0 AND received_qty <= qty),
  CONSTRAINT shipment_part_lines_source_bin_format CHECK (source_bin ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
  CONSTRAINT shipment_part_lines_received_bin_format CHECK (received_bin ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
  CONSTRAINT shipment_part_lines_received_bin_with_location CHECK ((received_location_id IS NULL) = (received_bin IS NULL)),
  CONSTRAINT shipment_part_lines_received_something CHECK ((received_qty > 0) = (received_at IS NOT NULL))
);
COMMENT ON TABLE shipment_part_lines IS
  'Parts on a truck: they leave their bin at dispatch, are in transit on the line (qty - received_qty) and land in a bin at receipt.';
CREATE INDEX shipment_part_lines_shipment_idx ON shipment_part_lines (tenant_id, shipment_id);
CREATE INDEX shipment_part_lines_part_idx ON shipment_part_lines (tenant_id, part_id);
-- What is loaded (not yet dispatched) from a bin counts against the bin at the next load.
CREATE INDEX shipment_part_lines_loaded_bin_idx ON shipment_part_lines (tenant_id, part_id, source_location_id, source_bin)
  WHERE status = 'loaded';

-- Seals ----------------------------------------------------------------------------------------------

CREATE TABLE shipment_seals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  shipment_id uuid NOT NULL,
  seq integer NOT NULL,
  seal_number text NOT NULL,
  sealed_by_user_id uuid,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  check_result seal_check_result,
  found_number text,
  checked_by_user_id uuid,
  checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT shipment_seals_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT shipment_seals_number_key UNIQUE (tenant_id, shipment_id, seal_number),
  CONSTRAINT shipment_seals_seq_key UNIQUE (tenant_id, shipment_id, seq),
  CONSTRAINT shipment_seals_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
  CONSTRAINT shipment_seals_sealed_by_fk FOREIGN KEY (tenant_id, sealed_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_seals_checked_by_fk FOREIGN KEY (tenant_id, checked_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_seals_seq_positive CHECK (seq > 0),
  CONSTRAINT shipment_seals_number_format CHECK (seal_number ~ '^[A-Z0-9][A-Z0-9./-]{0,39}$'),
  CONSTRAINT shipment_seals_found_number_format CHECK (found_number ~ '^[A-Z0-9][A-Z0-9./-]{0,39}$'),
  CONSTRAINT shipment_seals_checked_state CHECK ((check_result IS NULL) = (checked_at IS NULL)),
  CONSTRAINT shipment_seals_mismatch_found CHECK (
    (check_result IS NOT DISTINCT FROM 'mismatch') = (found_number IS NOT NULL)
    AND found_number IS DISTINCT FROM seal_number
  )
);
COMMENT ON TABLE shipment_seals IS 'Seals put on a truck at dispatch, each checked at arrival.';
CREATE INDEX shipment_seals_shipment_idx ON shipment_seals (tenant_id, shipment_id);

-- Receipt lines --------------------------------------------------------------------------------------

CREATE TABLE shipment_receipt_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  shipment_id uuid NOT NULL,
  station_id uuid,
  asset_id uuid,
  movement_id uuid,
  part_id uuid,
  qty numeric(14, 3),
  extra_qty numeric(14, 3),
  location_id uuid,
  bin_location text,
  condition receipt_condition NOT NULL DEFAULT 'ok',
  note text,
  received_by_user_id uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT shipment_receipt_lines_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_station_fk FOREIGN KEY (tenant_id, station_id) REFERENCES stations (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_asset_fk FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_movement_fk FOREIGN KEY (tenant_id, movement_id) REFERENCES asset_movements (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_part_fk FOREIGN KEY (tenant_id, part_id) REFERENCES parts (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_location_fk FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_received_by_fk FOREIGN KEY (tenant_id, received_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_receipt_lines_asset_or_part CHECK (
    (asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL AND extra_qty IS NULL AND location_id IS NULL
      AND bin_location IS NULL)
    OR (part_id IS NOT NULL AND asset_id IS NULL AND movement_id IS NULL AND qty > 0 AND extra_qty >= 0
      AND extra_qty <= qty AND location_id IS NOT NULL AND bin_location IS NOT NULL)
  ),
  CONSTRAINT shipment_receipt_lines_bin_format CHECK (bin_location ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
  CONSTRAINT shipment_receipt_lines_damaged_has_note CHECK (condition = 'ok' OR btrim(coalesce(note, '')) <> ''),
  CONSTRAINT shipment_receipt_lines_note_length CHECK (char_length(note) BETWEEN 1 AND 500)
);
COMMENT ON TABLE shipment_receipt_lines IS
  'The blind receipt at the destination: one row per asset or part quantity scanned off the truck.';
COMMENT ON COLUMN shipment_receipt_lines.station_id IS 'The station that scanned it (none for history loaded without a station).';
COMMENT ON COLUMN shipment_receipt_lines.movement_id IS 'The manifest movement received; NULL for an asset that was not on it.';
COMMENT ON COLUMN shipment_receipt_lines.extra_qty IS 'The part of qty beyond what the manifest still expected of the part.';
CREATE INDEX shipment_receipt_lines_shipment_idx ON shipment_receipt_lines (tenant_id, shipment_id);
-- An asset comes off a truck once.
CREATE UNIQUE INDEX shipment_receipt_lines_asset_once ON shipment_receipt_lines (tenant_id, shipment_id, asset_id)
  WHERE asset_id IS NOT NULL;

-- Discrepancies --------------------------------------------------------------------------------------

CREATE TABLE shipment_discrepancies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  shipment_id uuid NOT NULL,
  code discrepancy_code NOT NULL,
  asset_id uuid,
  part_id uuid,
  qty numeric(14, 3),
  movement_id uuid,
  part_line_id uuid,
  receipt_line_id uuid,
  seal_id uuid,
  other_shipment_id uuid,
  expected text,
  found text,
  note text,
  recorded_by_user_id uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT shipment_discrepancies_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT shipment_discrepancies_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
  CONSTRAINT shipment_discrepancies_asset_fk FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id),
  CONSTRAINT shipment_discrepancies_part_fk FOREIGN KEY (tenant_id, part_id) REFERENCES parts (tenant_id, id),
  CONSTRAINT shipment_discrepancies_movement_fk FOREIGN KEY (tenant_id, movement_id) REFERENCES asset_movements (tenant_id, id),
  CONSTRAINT shipment_discrepancies_part_line_fk FOREIGN KEY (tenant_id, part_line_id)
    REFERENCES shipment_part_lines (tenant_id, id),
  CONSTRAINT shipment_discrepancies_receipt_line_fk FOREIGN KEY (tenant_id, receipt_line_id)
    REFERENCES shipment_receipt_lines (tenant_id, id),
  CONSTRAINT shipment_discrepancies_seal_fk FOREIGN KEY (tenant_id, seal_id) REFERENCES shipment_seals (tenant_id, id),
  CONSTRAINT shipment_discrepancies_other_shipment_fk FOREIGN KEY (tenant_id, other_shipment_id)
    REFERENCES shipments (tenant_id, id),
  CONSTRAINT shipment_discrepancies_recorded_by_fk FOREIGN KEY (tenant_id, recorded_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT shipment_discrepancies_qty_positive CHECK (qty > 0),
  CONSTRAINT shipment_discrepancies_note_length CHECK (char_length(note) BETWEEN 1 AND 500),
  CONSTRAINT shipment_discrepancies_shape CHECK (
    CASE code
      WHEN 'missing' THEN seal_id IS NULL AND ((asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL)
        OR (part_id IS NOT NULL AND asset_id IS NULL AND qty IS NOT NULL))
      WHEN 'extra' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND ((asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL)
        OR (part_id IS NOT NULL AND asset_id IS NULL AND qty IS NOT NULL))
      WHEN 'damaged' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND note IS NOT NULL
        AND (asset_id IS NOT NULL) <> (part_id IS NOT NULL)
      WHEN 'wrong_item' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND asset_id IS NOT NULL
      WHEN 'seal_broken' THEN seal_id IS NOT NULL AND asset_id IS NULL AND part_id IS NULL
      WHEN 'seal_mismatch' THEN seal_id IS NOT NULL AND asset_id IS NULL AND part_id IS NULL
        AND expected IS NOT NULL AND found IS NOT NULL
    END
  )
);
COMMENT ON TABLE shipment_discrepancies IS
  'What the receipt of a truck found: missing, extra, damaged or wrong items and broken or different seals.';
COMMENT ON COLUMN shipment_discrepancies.other_shipment_id IS 'wrong_item: the shipment the asset is on.';
CREATE INDEX shipment_discrepancies_shipment_idx ON shipment_discrepancies (tenant_id, shipment_id);
CREATE INDEX shipment_discrepancies_asset_idx ON shipment_discrepancies (tenant_id, asset_id) WHERE asset_id IS NOT NULL;

-- Stock movements: parts onto a truck and off it ------------------------------------------------------

ALTER TABLE stock_movements
  ADD COLUMN shipment_id uuid,
  ADD CONSTRAINT stock_movements_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id);
CREATE INDEX stock_movements_shipment_idx ON stock_movements (tenant_id, shipment_id) WHERE shipment_id IS NOT NULL;
COMMENT ON COLUMN stock_movements.shipment_id IS 'dispatch and arrival: the truck the parts left on or came off.';

-- movement_type is compared as text: the new values cannot be used as enum values in this
-- transaction. 'dispatch': parts leave a bin onto a truck (never from QUARANTINE); 'arrival': they
-- land in a bin of the destination (damaged parts into QUARANTINE).
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_shape;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_shape CHECK (
  CASE movement_type::text
    WHEN 'receive' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta > 0
      AND shipment_id IS NULL
    WHEN 'issue' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta < 0
      AND bin_location <> 'QUARANTINE' AND shipment_id IS NULL
    WHEN 'return' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta > 0
      AND bin_location <> 'QUARANTINE' AND shipment_id IS NULL
    WHEN 'return_defective' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL
      AND qty_delta > 0 AND bin_location = 'QUARANTINE' AND shipment_id IS NULL
    WHEN 'consume' THEN wo_id IS NOT NULL AND qty_delta < 0 AND unit_cost IS NOT NULL
      AND (location_id IS NULL) <> (technician_id IS NULL) AND bin_location IS DISTINCT FROM 'QUARANTINE'
      AND shipment_id IS NULL
    WHEN 'adjust' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND reason IS NOT NULL
      AND shipment_id IS NULL
    WHEN 'dispatch' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta < 0
      AND bin_location <> 'QUARANTINE' AND shipment_id IS NOT NULL
    WHEN 'arrival' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta > 0
      AND shipment_id IS NOT NULL
  END
);

-- Like every tenant table (0003, 0004, 0005) -----------------------------------------------------------

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shipment_part_lines', 'shipment_seals', 'shipment_receipt_lines', 'shipment_discrepancies'] LOOP
    EXECUTE format('CREATE INDEX %I ON %I (tenant_id, change_xid)', t || '_change_idx', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION amms_private.stamp_row()', t || '_stamp', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF shipment_id ON %I
                    FOR EACH ROW EXECUTE FUNCTION amms_private.shipment_row_fixed()', t || '_shipment_fixed', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.record_tombstones()', t || '_tombstone', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_delete', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (tenant_id = (SELECT current_station_tenant_id()))
                    WITH CHECK (tenant_id = (SELECT current_station_tenant_id()))', t || '_own_tenant', t);
    EXECUTE format('GRANT SELECT ON %I TO amms_station', t);
  END LOOP;
END $$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
