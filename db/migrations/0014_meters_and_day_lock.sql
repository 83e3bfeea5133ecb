-- AMMS central database, migration 0014: meters that can be trusted and the supervisor's day.
--
-- * meter_readings: absolute readings of an asset's hour meter or odometer, as the machine showed
--   them, at a date and time. One meter's readings stay in time order: a reading is never below
--   an earlier one nor above a later one, and a run-hour meter never runs more hours than the
--   clock did between two readings. A reading that breaks this is refused with the neighbouring
--   readings quoted. The latest reading anchors the asset's meter (see "anchoring" below).
-- * meter_replacements: a replaced or reset meter: the old meter's final reading and the new
--   meter's start reading. The asset's total (asset_meters.current_run_hours / current_odometer)
--   stays continuous: every reading is stored as shown (reading) and as the continuous total
--   (meter_total = reading + the meter's offset), and each replacement moves the offset so that
--   total = old final + offset before = new start + offset after (CHECK constraints).
-- * daily_log_corrections: a change of a day's hours, fuel or notes, with the old and new values,
--   the reason and who made it. A daily log's hours, fuel and notes change only together with a
--   correction row written in the same transaction (trigger), so the history stays readable.
-- * daily_log_days: the day lock, per site and day. Once a supervisor has submitted the day its
--   daily logs cannot be added or changed until a manager reopens it (trigger; an administrator
--   may still purge rows, as for the other history tables).
-- * daily_logs.anomalies: what was unusual about a log (hours far above the asset's normal, a
--   burn rate outside its band, fuel without hours, hours while out of service or in transit),
--   confirmed by the supervisor and kept flagged for the manager.
-- * asset_specs.specs.fuel_tank_litres: the tank capacity where known (a positive number).
-- * asset_meters never go down, except by an audited correction or a reading that re-aligns the
--   meter (with a reason), written in the same transaction (the trigger of 0002 is replaced).
--
-- Anchoring: the asset's run-hour total is the latest machine reading plus the hours of the daily
-- logs of the days after that reading's day (a reading counts as taken at the end of its day).
-- A daily log, or a correction, of a day on or before the latest reading's day does not move the
-- meter: that reading already counts those hours. See docs/operations.md, "Meters".
--
-- The operation functions (daily_log.record, daily_log.correct, meter.reading, meter.replace,
-- daily_log.submit_day, daily_log.reopen_day) are in db/functions/maintenance/.

CREATE TYPE meter_kind AS ENUM ('run_hours', 'odometer');
CREATE TYPE meter_reading_source AS ENUM ('reading', 'replacement');
CREATE TYPE daily_log_day_status AS ENUM ('submitted', 'reopened');

-- Tank capacity ------------------------------------------------------------------------------------

ALTER TABLE asset_specs ADD CONSTRAINT asset_specs_fuel_tank_litres_positive CHECK (
  CASE WHEN specs ? 'fuel_tank_litres'
       THEN jsonb_typeof(specs -> 'fuel_tank_litres') = 'number' AND (specs ->> 'fuel_tank_litres')::numeric > 0
       ELSE true END
);
COMMENT ON COLUMN asset_specs.specs IS
  'Technical data (JSON object); "fuel_tank_litres" (a positive number) is the fuel tank capacity, where known.';

-- Anomalies of a daily log ------------------------------------------------------------------------

ALTER TABLE daily_logs ADD COLUMN anomalies jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE daily_logs ADD CONSTRAINT daily_logs_anomalies_is_array CHECK (jsonb_typeof(anomalies) = 'array');
COMMENT ON COLUMN daily_logs.anomalies IS
  'Unusual values the supervisor confirmed, flagged for the manager: [{"code": ..., "message": ...}].';
CREATE INDEX daily_logs_date_idx ON daily_logs (tenant_id, date);
CREATE INDEX daily_logs_flagged_idx ON daily_logs (tenant_id, date) WHERE anomalies <> '[]'::jsonb;

-- Meter replacements and readings ------------------------------------------------------------------

CREATE TABLE meter_replacements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  asset_id uuid NOT NULL,
  meter meter_kind NOT NULL DEFAULT 'run_hours',
  replaced_at timestamptz NOT NULL,
  replaced_on date NOT NULL,
  old_final_reading numeric(12, 2) NOT NULL,
  new_start_reading numeric(12, 2) NOT NULL,
  meter_total numeric(12, 2) NOT NULL,
  offset_before numeric(12, 2) NOT NULL,
  offset_after numeric(12, 2) NOT NULL,
  reason text NOT NULL,
  recorded_by_user_id uuid NOT NULL,
  op_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT meter_replacements_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT meter_replacements_asset_fk FOREIGN KEY (tenant_id, asset_id)
    REFERENCES assets (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT meter_replacements_recorded_by_fk FOREIGN KEY (tenant_id, recorded_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT meter_replacements_op_fk FOREIGN KEY (op_id) REFERENCES op_ledger (op_id),
  CONSTRAINT meter_replacements_readings_nonnegative CHECK (old_final_reading >= 0 AND new_start_reading >= 0),
  CONSTRAINT meter_replacements_total_nonnegative CHECK (meter_total >= 0),
  -- The total stays continuous across the change of meter.
  CONSTRAINT meter_replacements_continuous_old CHECK (meter_total = old_final_reading + offset_before),
  CONSTRAINT meter_replacements_continuous_new CHECK (meter_total = new_start_reading + offset_after),
  CONSTRAINT meter_replacements_reason_length CHECK (char_length(btrim(reason)) BETWEEN 1 AND 500)
);
COMMENT ON TABLE meter_replacements IS
  'A replaced or reset meter: old final and new start readings; the asset''s total stays continuous.';
COMMENT ON COLUMN meter_replacements.meter_total IS 'The asset''s continuous total at the replacement.';
COMMENT ON COLUMN meter_replacements.offset_after IS
  'Total minus what the new meter shows: readings of the new meter are stored as reading + offset_after.';
CREATE INDEX meter_replacements_asset_idx ON meter_replacements (tenant_id, asset_id, meter, replaced_at);

CREATE TABLE meter_readings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  asset_id uuid NOT NULL,
  meter meter_kind NOT NULL DEFAULT 'run_hours',
  source meter_reading_source NOT NULL DEFAULT 'reading',
  replacement_id uuid,
  read_at timestamptz NOT NULL,
  read_on date NOT NULL,
  reading numeric(12, 2) NOT NULL,
  meter_total numeric(12, 2) NOT NULL,
  adjustment numeric(12, 2) NOT NULL DEFAULT 0,
  reason text,
  notes text,
  recorded_by_user_id uuid NOT NULL,
  op_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT meter_readings_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT meter_readings_asset_fk FOREIGN KEY (tenant_id, asset_id)
    REFERENCES assets (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT meter_readings_replacement_fk FOREIGN KEY (tenant_id, replacement_id)
    REFERENCES meter_replacements (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT meter_readings_recorded_by_fk FOREIGN KEY (tenant_id, recorded_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT meter_readings_op_fk FOREIGN KEY (op_id) REFERENCES op_ledger (op_id),
  CONSTRAINT meter_readings_replacement_source CHECK ((source = 'replacement') = (replacement_id IS NOT NULL)),
  CONSTRAINT meter_readings_reading_nonnegative CHECK (reading >= 0),
  CONSTRAINT meter_readings_total_nonnegative CHECK (meter_total >= 0),
  -- A reading that takes the meter down says why.
  CONSTRAINT meter_readings_down_has_reason CHECK (adjustment >= 0 OR reason IS NOT NULL),
  CONSTRAINT meter_readings_reason_length CHECK (char_length(btrim(reason)) BETWEEN 1 AND 500),
  CONSTRAINT meter_readings_notes_length CHECK (char_length(notes) <= 500)
);
COMMENT ON TABLE meter_readings IS
  'Absolute meter readings in time order (a replacement''s old final reading too); each may re-align the asset''s meter.';
COMMENT ON COLUMN meter_readings.reading IS 'What the meter showed.';
COMMENT ON COLUMN meter_readings.meter_total IS 'The continuous total: the reading plus the meter''s offset (meter_replacements).';
COMMENT ON COLUMN meter_readings.read_on IS 'The day of the reading at the site (hours of daily logs up to that day are in it).';
COMMENT ON COLUMN meter_readings.adjustment IS 'How far this reading moved the asset''s meter (re-alignment); 0 for a back-dated reading.';
CREATE INDEX meter_readings_asset_idx ON meter_readings (tenant_id, asset_id, meter, read_at);

-- Daily log corrections -----------------------------------------------------------------------------

CREATE TABLE daily_log_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  daily_log_id uuid NOT NULL,
  asset_id uuid NOT NULL,
  date date NOT NULL,
  old_run_hours_added numeric(5, 2) NOT NULL,
  new_run_hours_added numeric(5, 2) NOT NULL,
  old_fuel_liters_added numeric(10, 2) NOT NULL,
  new_fuel_liters_added numeric(10, 2) NOT NULL,
  old_notes text,
  new_notes text,
  meter_delta numeric(12, 2) NOT NULL,
  reason text NOT NULL,
  corrected_by_user_id uuid NOT NULL,
  op_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT daily_log_corrections_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT daily_log_corrections_log_fk FOREIGN KEY (tenant_id, daily_log_id)
    REFERENCES daily_logs (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT daily_log_corrections_asset_fk FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id),
  CONSTRAINT daily_log_corrections_corrected_by_fk FOREIGN KEY (tenant_id, corrected_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT daily_log_corrections_op_fk FOREIGN KEY (op_id) REFERENCES op_ledger (op_id),
  CONSTRAINT daily_log_corrections_run_hours_range CHECK (
    old_run_hours_added BETWEEN 0 AND 24 AND new_run_hours_added BETWEEN 0 AND 24
  ),
  CONSTRAINT daily_log_corrections_fuel_nonnegative CHECK (old_fuel_liters_added >= 0 AND new_fuel_liters_added >= 0),
  -- The meter moves by the difference, or not at all when a later machine reading counts the day.
  CONSTRAINT daily_log_corrections_meter_delta CHECK (
    meter_delta = new_run_hours_added - old_run_hours_added OR meter_delta = 0
  ),
  CONSTRAINT daily_log_corrections_changes_something CHECK (
    (old_run_hours_added, old_fuel_liters_added, old_notes)
      IS DISTINCT FROM (new_run_hours_added, new_fuel_liters_added, new_notes)
  ),
  CONSTRAINT daily_log_corrections_reason_length CHECK (char_length(btrim(reason)) BETWEEN 1 AND 500),
  CONSTRAINT daily_log_corrections_notes_length CHECK (char_length(new_notes) <= 500)
);
COMMENT ON TABLE daily_log_corrections IS
  'Every change of a daily log''s hours, fuel or notes: old and new values, reason, who; the meter''s move.';
CREATE INDEX daily_log_corrections_log_idx ON daily_log_corrections (tenant_id, daily_log_id);
CREATE INDEX daily_log_corrections_asset_idx ON daily_log_corrections (tenant_id, asset_id, date);

-- The day lock ---------------------------------------------------------------------------------------

CREATE TABLE daily_log_days (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  site_id uuid NOT NULL,
  date date NOT NULL,
  status daily_log_day_status NOT NULL DEFAULT 'submitted',
  submitted_by_user_id uuid NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  reopened_by_user_id uuid,
  reopened_at timestamptz,
  reopen_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT daily_log_days_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT daily_log_days_site_date_key UNIQUE (tenant_id, site_id, date),
  CONSTRAINT daily_log_days_site_fk FOREIGN KEY (tenant_id, site_id) REFERENCES locations (tenant_id, id),
  CONSTRAINT daily_log_days_submitted_by_fk FOREIGN KEY (tenant_id, submitted_by_user_id)
    REFERENCES users (tenant_id, id),
  CONSTRAINT daily_log_days_reopened_by_fk FOREIGN KEY (tenant_id, reopened_by_user_id)
    REFERENCES users (tenant_id, id),
  -- The last reopening: who, when and why together; a reopened day has one.
  CONSTRAINT daily_log_days_reopened_state CHECK (
    (reopened_by_user_id IS NULL) = (reopened_at IS NULL) AND (reopened_at IS NULL) = (reopen_reason IS NULL)
    AND (status <> 'reopened' OR reopened_at IS NOT NULL)
  ),
  CONSTRAINT daily_log_days_reason_length CHECK (char_length(btrim(reopen_reason)) BETWEEN 1 AND 500)
);
COMMENT ON TABLE daily_log_days IS
  'The day lock: a site''s day submitted by a supervisor (its daily logs are then locked) or reopened by a manager.';

-- A day is locked at a site (a location of type site).
CREATE FUNCTION amms_private.daily_log_days_at_site() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = NEW.site_id AND l.tenant_id = NEW.tenant_id AND l.type = 'site') THEN
    RAISE EXCEPTION 'A daily log day belongs to a site; this location is not a site'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'daily_log_days_site_is_site';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER daily_log_days_site BEFORE INSERT OR UPDATE OF site_id ON daily_log_days
  FOR EACH ROW EXECUTE FUNCTION amms_private.daily_log_days_at_site();

-- The rules of the meter history --------------------------------------------------------------------------
-- (The helpers these triggers share with the operation functions, such as meter_reading_problem,
-- meter_offset_at, submitted_day and day_locked_message, are function files in db/functions/maintenance;
-- the migrator creates them right after the numbered migrations.)

-- The rules of meter_readings: the total is the reading plus the meter's offset (the replacement's
-- offset before, for a replacement's final reading), and the readings stay in time order.
CREATE FUNCTION amms_private.meter_readings_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  repl meter_replacements;
  expected numeric;
  problem jsonb;
BEGIN
  PERFORM amms_private.lock_asset_meter_history(NEW.asset_id);
  IF NEW.source = 'replacement' THEN
    SELECT * INTO repl FROM meter_replacements r WHERE r.id = NEW.replacement_id AND r.tenant_id = NEW.tenant_id;
    IF repl.asset_id IS DISTINCT FROM NEW.asset_id OR repl.meter IS DISTINCT FROM NEW.meter
       OR repl.replaced_at IS DISTINCT FROM NEW.read_at OR repl.old_final_reading IS DISTINCT FROM NEW.reading
       OR repl.meter_total IS DISTINCT FROM NEW.meter_total THEN
      RAISE EXCEPTION 'A replacement''s reading must be the old meter''s final reading, at the replacement'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'meter_readings_continuous';
    END IF;
  ELSE
    expected := NEW.reading + amms_private.meter_offset_at(NEW.tenant_id, NEW.asset_id, NEW.meter, NEW.read_at);
    IF NEW.meter_total <> expected THEN
      RAISE EXCEPTION 'The total of a reading of % must be % (the reading plus the meter''s offset), not %',
        NEW.reading, expected, NEW.meter_total
        USING ERRCODE = 'check_violation', CONSTRAINT = 'meter_readings_continuous';
    END IF;
  END IF;
  problem := amms_private.meter_reading_problem(NEW.tenant_id, NEW.asset_id, NEW.meter, NEW.read_at, NEW.reading,
    NEW.meter_total, NEW.id, make_interval(secs => extract(timezone FROM NEW.read_at)));
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION '%', problem ->> 'message'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'meter_readings_in_time_order';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER meter_readings_rules BEFORE INSERT ON meter_readings
  FOR EACH ROW EXECUTE FUNCTION amms_private.meter_readings_check();

-- A replacement comes after every reading of the meter and continues from the meter in use.
CREATE FUNCTION amms_private.meter_replacements_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  last_reading meter_readings;
  current_offset numeric;
BEGIN
  PERFORM amms_private.lock_asset_meter_history(NEW.asset_id);
  SELECT * INTO last_reading FROM meter_readings r
   WHERE r.tenant_id = NEW.tenant_id AND r.asset_id = NEW.asset_id AND r.meter = NEW.meter
   ORDER BY r.read_at DESC LIMIT 1;
  IF last_reading.read_at >= NEW.replaced_at THEN
    RAISE EXCEPTION 'A meter replacement must come after the last reading of the meter (% on %)',
      amms_private.fmt_number(last_reading.reading), last_reading.read_at
      USING ERRCODE = 'check_violation', CONSTRAINT = 'meter_replacements_after_last_reading';
  END IF;
  current_offset := amms_private.meter_offset_at(NEW.tenant_id, NEW.asset_id, NEW.meter, NEW.replaced_at);
  IF NEW.offset_before <> current_offset THEN
    RAISE EXCEPTION 'The replaced meter''s offset is %, not %', current_offset, NEW.offset_before
      USING ERRCODE = 'check_violation', CONSTRAINT = 'meter_replacements_continuous_old';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER meter_replacements_rules BEFORE INSERT ON meter_replacements
  FOR EACH ROW EXECUTE FUNCTION amms_private.meter_replacements_check();

-- History is not rewritten: a wrong reading is followed by a new one, a wrong correction by another
-- correction. Deleting stays possible for an administrator purging data (tombstones follow).
CREATE FUNCTION amms_private.history_unchangeable() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION '% rows are history and cannot be changed; record a new one instead', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER meter_readings_append_only BEFORE UPDATE ON meter_readings
  FOR EACH ROW EXECUTE FUNCTION amms_private.history_unchangeable();
CREATE TRIGGER meter_replacements_append_only BEFORE UPDATE ON meter_replacements
  FOR EACH ROW EXECUTE FUNCTION amms_private.history_unchangeable();
CREATE TRIGGER daily_log_corrections_append_only BEFORE UPDATE ON daily_log_corrections
  FOR EACH ROW EXECUTE FUNCTION amms_private.history_unchangeable();

-- Meters never go down, except by an audited record of this transaction ---------------------------

-- Whether this transaction wrote the record that explains a meter going down by -delta: a daily
-- log correction that moved the meter by delta, or a reading that re-aligned it by delta.
CREATE FUNCTION amms_private.meter_decrease_recorded(p_tenant uuid, p_asset uuid, p_meter meter_kind, delta numeric)
RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT (p_meter = 'run_hours' AND EXISTS (
            SELECT 1 FROM daily_log_corrections c
             WHERE c.tenant_id = p_tenant AND c.asset_id = p_asset AND c.meter_delta = delta
               AND c.change_xid = pg_current_xact_id()))
      OR EXISTS (
            SELECT 1 FROM meter_readings r
             WHERE r.tenant_id = p_tenant AND r.asset_id = p_asset AND r.meter = p_meter AND r.adjustment = delta
               AND r.change_xid = pg_current_xact_id())
$$;

CREATE OR REPLACE FUNCTION amms_private.meters_never_decrease() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.current_run_hours < OLD.current_run_hours AND NOT amms_private.meter_decrease_recorded(
       NEW.tenant_id, NEW.asset_id, 'run_hours', NEW.current_run_hours - OLD.current_run_hours) THEN
    RAISE EXCEPTION 'Run hours cannot go down (from % to %)', OLD.current_run_hours, NEW.current_run_hours
      USING ERRCODE = 'check_violation', CONSTRAINT = 'asset_meters_run_hours_never_decrease',
            HINT = 'Only a daily log correction or a meter reading with a reason can take a meter down.';
  END IF;
  IF OLD.current_odometer IS NOT NULL AND NEW.current_odometer IS NULL THEN
    RAISE EXCEPTION 'The odometer cannot go down (from % to %)', OLD.current_odometer, NEW.current_odometer
      USING ERRCODE = 'check_violation', CONSTRAINT = 'asset_meters_odometer_never_decrease';
  END IF;
  IF NEW.current_odometer < OLD.current_odometer AND NOT amms_private.meter_decrease_recorded(
       NEW.tenant_id, NEW.asset_id, 'odometer', NEW.current_odometer - OLD.current_odometer) THEN
    RAISE EXCEPTION 'The odometer cannot go down (from % to %)', OLD.current_odometer, NEW.current_odometer
      USING ERRCODE = 'check_violation', CONSTRAINT = 'asset_meters_odometer_never_decrease',
            HINT = 'Only a meter reading with a reason can take a meter down.';
  END IF;
  RETURN NEW;
END $$;

-- Daily logs: the day lock and corrections --------------------------------------------------------------

-- A daily log of a submitted day cannot be added or changed. A privileged bulk load (the demo
-- data writes submitted days with their logs) is trusted, as by the audit trail. Deleting stays
-- possible for an administrator purging data (stations cannot delete; tombstones follow), as for
-- the other history tables.
CREATE FUNCTION amms_private.daily_logs_day_open() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  d daily_log_days;
BEGIN
  IF amms_private.audit_suppressed() THEN
    RETURN NEW;
  END IF;
  d := amms_private.submitted_day(NEW.tenant_id, amms_private.asset_site_id(NEW.tenant_id, NEW.asset_id), NEW.date);
  IF d.id IS NOT NULL THEN
    RAISE EXCEPTION '%', amms_private.day_locked_message(d)
      USING ERRCODE = 'check_violation', CONSTRAINT = 'daily_logs_day_submitted';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER daily_logs_day_open BEFORE INSERT OR UPDATE ON daily_logs
  FOR EACH ROW EXECUTE FUNCTION amms_private.daily_logs_day_open();

-- A daily log stays the log of its asset and day, and its hours, fuel and notes change only with a
-- correction row (old and new values, reason, who) written in the same transaction.
CREATE FUNCTION amms_private.daily_logs_corrected_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.asset_id IS DISTINCT FROM OLD.asset_id OR NEW.date IS DISTINCT FROM OLD.date THEN
    RAISE EXCEPTION 'A daily log stays the log of its asset and day; record a new log instead'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'daily_logs_asset_date_fixed';
  END IF;
  IF amms_private.audit_suppressed() THEN
    RETURN NEW;
  END IF;
  IF (NEW.run_hours_added, NEW.fuel_liters_added, NEW.notes) IS DISTINCT FROM
     (OLD.run_hours_added, OLD.fuel_liters_added, OLD.notes)
     AND NOT EXISTS (
       SELECT 1 FROM daily_log_corrections c
        WHERE c.tenant_id = NEW.tenant_id AND c.daily_log_id = NEW.id AND c.change_xid = pg_current_xact_id()
          AND c.old_run_hours_added = OLD.run_hours_added AND c.new_run_hours_added = NEW.run_hours_added
          AND c.old_fuel_liters_added = OLD.fuel_liters_added AND c.new_fuel_liters_added = NEW.fuel_liters_added
          AND c.old_notes IS NOT DISTINCT FROM OLD.notes AND c.new_notes IS NOT DISTINCT FROM NEW.notes) THEN
    RAISE EXCEPTION 'A daily log''s hours, fuel and notes change only by a correction with a reason'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'daily_logs_changed_by_correction';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER daily_logs_corrected_only BEFORE UPDATE ON daily_logs
  FOR EACH ROW EXECUTE FUNCTION amms_private.daily_logs_corrected_only();

-- Stamps, audit, tombstones, wake-ups, sync index, tenant isolation (as 0003-0005, 0009) -------------

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meter_replacements', 'meter_readings', 'daily_log_corrections', 'daily_log_days'] LOOP
    EXECUTE format('CREATE INDEX %I ON %I (tenant_id, change_xid)', t || '_change_idx', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION amms_private.stamp_row()', t || '_stamp', t);
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
