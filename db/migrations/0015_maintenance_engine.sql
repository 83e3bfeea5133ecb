-- AMMS central database, migration 0015: the maintenance engine (tables, columns, indexes,
-- triggers, policies). The engine's functions are in db/functions/maintenance/ (one file each);
-- the rules are described in docs/pm-engine.md and docs/adr/0015-pm-engine.md.
--
-- * PM schedules get the meter they count (run hours or odometer), their package (schedules of one
--   asset in one package fold into the biggest one due), the number of the cycle that
--   is running, the point the cycle counts from (base_date, base_meter: the last completion, or
--   the planned point of a skipped service), the work order that completed them last, and the
--   engine's latest evaluation: due date, due meter, forecast date and one sentence saying why
--   the schedule is (or is not) due. Their task lists live in pm_schedule_tasks.
-- * Never a duplicate: at most one open work order per schedule (a partial unique index), and at
--   most one work order per (schedule, cycle) that was not cancelled. The engine serialises per
--   asset (an advisory lock); the indexes hold whatever happens.
-- * pm_completions: one row per finished cycle of a schedule: done by its own work order, folded
--   into a bigger service's work order (suppression), or skipped (its work order cancelled).
-- * Work orders: the PM cycle they were generated for and the engine's sentence why, the reason
--   of a cancellation, who raised them (NULL: the PM engine) and the meter at completion.
--   Checklist tasks get a note and the follow-up work order a failed task led to.
-- * Service requests: who triaged them and when; photos in service_request_photos (the bytes in
--   PostgreSQL, see ADR 0015; photo_url stays for a photo kept at an https address).
-- * asset_usage: each asset's average daily use of its meters, kept by the engine from its own
--   per-day meter samples (amms_private.pm_meter_days), for forecasts and the asset card.
-- * A statement trigger on asset_meters runs the engine for the assets whose meters changed, in
--   the same transaction (the function body is in db/functions/maintenance/pm_on_meter_change.sql;
--   the migration creates a stub so that the trigger can exist before the function files run).
-- * Existing data: cancelled work orders get a reason, triaged requests a triage time, PM work
--   orders a cycle; a second open work order of one schedule is cancelled (not started) or
--   detached from the schedule (started); suppression pointers of schedules whose suppressor has
--   no open work order are cleared (suppression now lasts while the bigger service is open).

-- PM schedules --------------------------------------------------------------------------------------

ALTER TABLE pm_schedules
  ADD COLUMN meter text NOT NULL DEFAULT 'run_hours',
  ADD COLUMN cycle integer NOT NULL DEFAULT 1,
  ADD COLUMN base_date date,
  ADD COLUMN base_meter numeric(12, 2),
  ADD COLUMN last_performed_wo_id uuid,
  ADD COLUMN due_date date,
  ADD COLUMN due_meter numeric(12, 2),
  ADD COLUMN forecast_date date,
  ADD COLUMN why text,
  ADD COLUMN package text,
  ADD CONSTRAINT pm_schedules_meter_kind CHECK (meter IN ('run_hours', 'odometer')),
  ADD CONSTRAINT pm_schedules_package_format CHECK (package ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  ADD CONSTRAINT pm_schedules_cycle_positive CHECK (cycle > 0),
  ADD CONSTRAINT pm_schedules_base_meter_nonnegative CHECK (base_meter >= 0),
  ADD CONSTRAINT pm_schedules_last_performed_wo_fk FOREIGN KEY (tenant_id, last_performed_wo_id)
    REFERENCES work_orders (tenant_id, id);
COMMENT ON COLUMN pm_schedules.meter IS 'The meter interval_meter counts: run_hours or odometer.';
COMMENT ON COLUMN pm_schedules.cycle IS 'The cycle now running (1 = before the first completion); a completion or a skip starts the next.';
COMMENT ON COLUMN pm_schedules.base_date IS 'The date the running cycle counts from (NULL: last_performed_date, or the day the schedule was made).';
COMMENT ON COLUMN pm_schedules.base_meter IS 'The meter reading the running cycle counts from (NULL: last_performed_meter, or 0).';
COMMENT ON COLUMN pm_schedules.package IS 'Schedules of one asset in the same package fold into the biggest one due (NULL: meter-based schedules of the same meter form one package; calendar-only schedules fold into nothing).';
COMMENT ON COLUMN pm_schedules.why IS 'The PM engine''s sentence: why the schedule is or is not due, with the numbers.';

-- Work orders -----------------------------------------------------------------------------------------

ALTER TABLE work_orders
  ADD COLUMN pm_cycle integer,
  ADD COLUMN pm_why text,
  ADD COLUMN cancel_reason text,
  ADD COLUMN created_by_user_id uuid,
  ADD COLUMN completion_meter numeric(12, 2),
  ADD CONSTRAINT work_orders_pm_cycle_positive CHECK (pm_cycle > 0),
  ADD CONSTRAINT work_orders_pm_cycle_has_schedule CHECK (pm_cycle IS NULL OR pm_schedule_id IS NOT NULL),
  ADD CONSTRAINT work_orders_completion_meter_nonnegative CHECK (completion_meter >= 0),
  ADD CONSTRAINT work_orders_created_by_fk FOREIGN KEY (tenant_id, created_by_user_id)
    REFERENCES users (tenant_id, id);
COMMENT ON COLUMN work_orders.pm_cycle IS 'The cycle of pm_schedule_id this work order was generated for.';
COMMENT ON COLUMN work_orders.pm_why IS 'Why the PM engine generated it, with the numbers, and what was folded into it.';
COMMENT ON COLUMN work_orders.created_by_user_id IS 'Who raised it; NULL for work orders generated by the PM engine.';

-- Existing cancelled work orders get a reason; from now on a cancellation needs one.
UPDATE work_orders SET cancel_reason = 'Cancelled before reasons were recorded.'
 WHERE status = 'cancelled' AND cancel_reason IS NULL;

-- A second open work order of one schedule (possible before this migration): one stays (the one
-- furthest along, then the oldest); the others are cancelled if not started, otherwise detached.
WITH ranked AS (
  SELECT w.id, w.status, w.pm_schedule_id,
         row_number() OVER (PARTITION BY w.tenant_id, w.pm_schedule_id
                            ORDER BY CASE w.status WHEN 'in_progress' THEN 0 WHEN 'ready' THEN 1 ELSE 2 END,
                                     w.created_at, w.id) AS n,
         first_value(w.code) OVER (PARTITION BY w.tenant_id, w.pm_schedule_id
                                   ORDER BY CASE w.status WHEN 'in_progress' THEN 0 WHEN 'ready' THEN 1 ELSE 2 END,
                                            w.created_at, w.id) AS kept
    FROM work_orders w
   WHERE w.pm_schedule_id IS NOT NULL AND w.status IN ('draft', 'ready', 'in_progress')
)
UPDATE work_orders w
   SET status = CASE WHEN r.status = 'in_progress' THEN w.status ELSE 'cancelled'::wo_status END,
       cancel_reason = CASE WHEN r.status = 'in_progress' THEN NULL
                            ELSE format('Duplicate of %s for the same PM schedule (cancelled by migration 0015).', r.kept) END,
       pm_schedule_id = CASE WHEN r.status = 'in_progress' THEN NULL ELSE w.pm_schedule_id END,
       pm_why = CASE WHEN r.status = 'in_progress'
                     THEN format('Detached from its PM schedule by migration 0015: %s was already open for it.', r.kept) END
  FROM ranked r
 WHERE w.id = r.id AND r.n > 1;

-- Cycles of existing PM work orders: closed ones count 1, 2, ... by closing time; the open one
-- is the schedule's running cycle.
WITH numbered AS (
  SELECT w.id, row_number() OVER (PARTITION BY w.pm_schedule_id ORDER BY w.closed_at, w.id) AS n
    FROM work_orders w WHERE w.pm_schedule_id IS NOT NULL AND w.status = 'closed'
)
UPDATE work_orders w SET pm_cycle = numbered.n FROM numbered WHERE w.id = numbered.id;
UPDATE pm_schedules s
   SET cycle = 1 + (SELECT count(*) FROM work_orders w WHERE w.pm_schedule_id = s.id AND w.status = 'closed');
UPDATE work_orders w SET pm_cycle = s.cycle
  FROM pm_schedules s
 WHERE w.pm_schedule_id = s.id AND w.status IN ('draft', 'ready', 'in_progress');

-- Suppression lasts while the bigger service's work order is open.
UPDATE pm_schedules s SET suppressed_by_schedule_id = NULL
 WHERE s.suppressed_by_schedule_id IS NOT NULL
   AND NOT EXISTS (
     SELECT 1 FROM work_orders w
      WHERE w.pm_schedule_id = s.suppressed_by_schedule_id AND w.status IN ('draft', 'ready', 'in_progress'));

ALTER TABLE work_orders
  ADD CONSTRAINT work_orders_cancelled_has_reason
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  ADD CONSTRAINT work_orders_cancel_reason_not_blank CHECK (btrim(cancel_reason) <> '');

-- Never a duplicate: one open work order per schedule, one (not cancelled) per schedule and cycle.
CREATE UNIQUE INDEX work_orders_one_open_per_schedule ON work_orders (tenant_id, pm_schedule_id)
  WHERE pm_schedule_id IS NOT NULL AND status IN ('draft', 'ready', 'in_progress');
CREATE UNIQUE INDEX work_orders_pm_cycle_key ON work_orders (tenant_id, pm_schedule_id, pm_cycle)
  WHERE pm_cycle IS NOT NULL AND status <> 'cancelled';
CREATE INDEX work_orders_pm_schedule_idx ON work_orders (tenant_id, pm_schedule_id)
  WHERE pm_schedule_id IS NOT NULL;

-- Checklist tasks: a note with the result, and the follow-up a failed task led to.
ALTER TABLE wo_tasks
  ADD COLUMN note text,
  ADD COLUMN follow_up_wo_id uuid,
  ADD CONSTRAINT wo_tasks_note_length CHECK (char_length(note) BETWEEN 1 AND 1000),
  ADD CONSTRAINT wo_tasks_follow_up_fk FOREIGN KEY (tenant_id, follow_up_wo_id)
    REFERENCES work_orders (tenant_id, id),
  ADD CONSTRAINT wo_tasks_follow_up_of_failed CHECK (follow_up_wo_id IS NULL OR result = 'fail');
CREATE INDEX wo_tasks_follow_up_idx ON wo_tasks (tenant_id, follow_up_wo_id) WHERE follow_up_wo_id IS NOT NULL;

-- Service requests: who triaged them and when.
ALTER TABLE service_requests
  ADD COLUMN triaged_by_user_id uuid,
  ADD COLUMN triaged_at timestamptz,
  ADD CONSTRAINT service_requests_triaged_by_fk FOREIGN KEY (tenant_id, triaged_by_user_id)
    REFERENCES users (tenant_id, id);
UPDATE service_requests SET triaged_at = updated_at WHERE status <> 'pending' AND triaged_at IS NULL;
ALTER TABLE service_requests
  ADD CONSTRAINT service_requests_triaged_iff_not_pending CHECK ((status = 'pending') = (triaged_at IS NULL));
CREATE INDEX service_requests_converted_wo_idx ON service_requests (tenant_id, converted_wo_id)
  WHERE converted_wo_id IS NOT NULL;

-- New tenant tables -----------------------------------------------------------------------------------

-- A schedule's checklist: copied into the tasks of each work order generated for it.
CREATE TABLE pm_schedule_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  schedule_id uuid NOT NULL,
  seq integer NOT NULL,
  description text NOT NULL,
  is_mandatory boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT pm_schedule_tasks_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT pm_schedule_tasks_seq_key UNIQUE (schedule_id, seq),
  CONSTRAINT pm_schedule_tasks_schedule_fk FOREIGN KEY (tenant_id, schedule_id)
    REFERENCES pm_schedules (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT pm_schedule_tasks_seq_positive CHECK (seq > 0),
  CONSTRAINT pm_schedule_tasks_description_not_blank CHECK (btrim(description) <> '')
);
COMMENT ON TABLE pm_schedule_tasks IS 'A PM schedule''s checklist, copied into the tasks of each work order generated for it.';

-- One row per finished cycle of a schedule. kind: done (its own work order closed), folded (a
-- bigger service of the same asset that included it closed: via_schedule_id), skipped (its work
-- order was cancelled: note = the reason). completed_on and meter are the point the next cycle
-- counts from: the completion (done, folded) or the skipped service's planned point (skipped).
CREATE TABLE pm_completions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  schedule_id uuid NOT NULL,
  cycle integer NOT NULL,
  kind text NOT NULL,
  wo_id uuid,
  via_schedule_id uuid,
  completed_on date NOT NULL,
  meter numeric(12, 2),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT pm_completions_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT pm_completions_cycle_key UNIQUE (schedule_id, cycle),
  CONSTRAINT pm_completions_schedule_fk FOREIGN KEY (tenant_id, schedule_id)
    REFERENCES pm_schedules (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT pm_completions_wo_fk FOREIGN KEY (tenant_id, wo_id) REFERENCES work_orders (tenant_id, id),
  CONSTRAINT pm_completions_via_schedule_fk FOREIGN KEY (tenant_id, via_schedule_id)
    REFERENCES pm_schedules (tenant_id, id),
  CONSTRAINT pm_completions_kind CHECK (kind IN ('done', 'folded', 'skipped')),
  CONSTRAINT pm_completions_cycle_positive CHECK (cycle > 0),
  CONSTRAINT pm_completions_meter_nonnegative CHECK (meter >= 0),
  CONSTRAINT pm_completions_folded_via CHECK ((kind = 'folded') = (via_schedule_id IS NOT NULL)),
  CONSTRAINT pm_completions_skipped_has_note CHECK (kind <> 'skipped' OR btrim(coalesce(note, '')) <> '')
);
CREATE INDEX pm_completions_schedule_idx ON pm_completions (tenant_id, schedule_id);
CREATE INDEX pm_completions_wo_idx ON pm_completions (tenant_id, wo_id) WHERE wo_id IS NOT NULL;
COMMENT ON TABLE pm_completions IS 'One row per finished cycle of a PM schedule: done, folded into a bigger service, or skipped.';

-- Average daily use of each asset's meters (over up to the last 90 days of samples, at least 7).
CREATE TABLE asset_usage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  asset_id uuid NOT NULL,
  run_hours_per_day numeric(10, 2),
  run_hours_days integer,
  odometer_per_day numeric(12, 1),
  odometer_days integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT asset_usage_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT asset_usage_asset_key UNIQUE (asset_id),
  CONSTRAINT asset_usage_asset_fk FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT asset_usage_run_hours_nonnegative CHECK (run_hours_per_day >= 0),
  CONSTRAINT asset_usage_odometer_nonnegative CHECK (odometer_per_day >= 0),
  CONSTRAINT asset_usage_run_hours_days CHECK ((run_hours_per_day IS NULL) = (run_hours_days IS NULL) AND run_hours_days > 0),
  CONSTRAINT asset_usage_odometer_days CHECK ((odometer_per_day IS NULL) = (odometer_days IS NULL) AND odometer_days > 0)
);
COMMENT ON TABLE asset_usage IS 'Average daily use of an asset''s meters, kept by the PM engine for forecasts.';

-- A service request's photo. The bytes live in PostgreSQL (see ADR 0015): at most 1.5 MiB, JPEG,
-- PNG or WebP, as the station sends them (it shrinks photos before queueing).
CREATE TABLE service_request_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  request_id uuid NOT NULL,
  content_type text NOT NULL,
  bytes bytea NOT NULL,
  byte_size integer NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT service_request_photos_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT service_request_photos_request_key UNIQUE (request_id),
  CONSTRAINT service_request_photos_request_fk FOREIGN KEY (tenant_id, request_id)
    REFERENCES service_requests (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT service_request_photos_content_type CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  CONSTRAINT service_request_photos_size CHECK (byte_size = octet_length(bytes) AND byte_size BETWEEN 1 AND 1572864),
  CONSTRAINT service_request_photos_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE service_request_photos IS 'The photo of a service request (bytes kept in the database).';

-- Stamps, audit, tombstones, wake-ups, row-level security and SELECT for stations, as everywhere.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pm_schedule_tasks', 'pm_completions', 'asset_usage', 'service_request_photos'] LOOP
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

-- The engine's bookkeeping (stations have no access to amms_private) ----------------------------------

-- The composite the evaluation returns, one per schedule (db/functions/maintenance/pm_evaluate.sql).
CREATE TYPE amms_private.pm_state AS (
  schedule_id uuid,
  tenant_id uuid,
  asset_id uuid,
  name text,
  grp text,
  size numeric,
  interval_days integer,
  interval_meter numeric,
  meter text,
  cycle integer,
  active boolean,
  meter_now numeric,
  meter_day date,
  per_day numeric,
  base_date date,
  base_meter numeric,
  due_date date,
  due_meter numeric,
  forecast_date date,
  reached_date boolean,
  reached_meter boolean,
  is_due boolean,
  is_soon boolean,
  open_wo_id uuid,
  open_wo_code text,
  open_wo_status wo_status,
  suppressed_by uuid,
  reason text,
  next_text text,
  last_text text,
  why text
);

-- The meters' value at the end of each day they changed, per asset: the engine's source for
-- average daily use.
CREATE TABLE amms_private.pm_meter_days (
  tenant_id uuid NOT NULL,
  asset_id uuid NOT NULL,
  day date NOT NULL,
  run_hours numeric(12, 2),
  odometer numeric(12, 1),
  PRIMARY KEY (asset_id, day)
);

-- The last work-order number given per tenant (codes WO-000123).
CREATE TABLE amms_private.wo_code_counters (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
  last_number bigint NOT NULL
);

-- Engine runs that failed inside another change (a meter change must never be refused because of
-- the engine; the periodic run retries). Tests assert this stays empty.
CREATE TABLE amms_private.pm_engine_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid,
  asset_id uuid,
  failed_at timestamptz NOT NULL DEFAULT now(),
  sqlstate text NOT NULL,
  message text NOT NULL
);

-- The engine runs when meters change, in the same transaction (trigger functions stay in the
-- numbered migrations: db/functions/README.md).
-- Trigger of asset_meters (statement level, after INSERT and after UPDATE; created by migration
-- 0015): the engine runs for every asset whose run hours or odometer changed, in the transaction
-- that changed them, in asset order. Bulk loads by a privileged role (the demo-data generator,
-- which runs the engine itself afterwards) are left alone.
CREATE OR REPLACE FUNCTION amms_private.pm_on_meter_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  IF amms_private.audit_suppressed() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT n.tenant_id, n.asset_id, n.current_run_hours, n.current_odometer
               FROM new_rows n ORDER BY n.asset_id LOOP
      PERFORM amms_private.pm_meter_changed(r.tenant_id, r.asset_id, r.current_run_hours, r.current_odometer);
    END LOOP;
  ELSE
    FOR r IN SELECT n.tenant_id, n.asset_id, n.current_run_hours, n.current_odometer
               FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE n.current_run_hours IS DISTINCT FROM o.current_run_hours
                 OR n.current_odometer IS DISTINCT FROM o.current_odometer
              ORDER BY n.asset_id LOOP
      PERFORM amms_private.pm_meter_changed(r.tenant_id, r.asset_id, r.current_run_hours, r.current_odometer);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_on_meter_change() FROM PUBLIC;
CREATE TRIGGER asset_meters_pm_insert AFTER INSERT ON asset_meters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.pm_on_meter_change();
CREATE TRIGGER asset_meters_pm_update AFTER UPDATE ON asset_meters
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION amms_private.pm_on_meter_change();

-- Trigger functions of earlier migrations, redefined here (they stay in numbered migrations).
-- The audit trail turns each row into JSON once and leaves a photo's bytes out (0003):
-- What a row looks like in the audit trail: secrets redacted (password_hash), binary content left
-- out (a photo's bytes: its size and checksum stay), bookkeeping columns dropped. Used by
-- amms_private.audit_statement (migration 0003) for every audited table.
CREATE OR REPLACE FUNCTION amms_private.audit_clean(row_json jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN row_json ? 'password_hash' THEN jsonb_set(row_json, '{password_hash}', '"[redacted]"') ELSE row_json END
         - 'change_xid' - 'row_version' - 'updated_at' - 'bytes'
$$;
REVOKE EXECUTE ON FUNCTION amms_private.audit_clean(jsonb) FROM PUBLIC;

-- Statement trigger of every audited table (migration 0003): one audit_logs row per row inserted,
-- deleted, or updated (changed columns only, before and after, secrets redacted by audit_clean),
-- naming the acting application user (amms.user_id, set by the write entry point) and the station
-- behind the login role. A privileged bulk load may skip it (audit_suppressed).
CREATE OR REPLACE FUNCTION amms_private.audit_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  tenant_col text := CASE WHEN TG_TABLE_NAME = 'tenants' THEN 'id' ELSE 'tenant_id' END;
  actor uuid := amms_private.acting_user_id();
  station uuid := amms_private.acting_station_id();
BEGIN
  IF amms_private.audit_suppressed() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT n.%I, $1, $2, ''insert'', %L, n.id,
              jsonb_build_object(''after'', amms_private.audit_clean(to_jsonb(n)))
         FROM new_rows n', tenant_col, TG_TABLE_NAME) USING actor, station;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format(
      'INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT o.%I, $1, $2, ''delete'', %L, o.id,
              jsonb_build_object(''before'', amms_private.audit_clean(to_jsonb(o)))
         FROM old_rows o', tenant_col, TG_TABLE_NAME) USING actor, station;
  ELSE
    -- Only the columns that changed, before and after; an update that changed nothing but
    -- bookkeeping leaves no audit row. Changes are detected on the raw rows, so that a changed
    -- secret (both sides redacted) is still recorded.
    -- Each row is turned into JSON once (a materialised CTE): comparing key by key against a
    -- to_jsonb() computed for every key made a bulk update of wide rows quadratic in the number
    -- of columns (25,000 PM schedules took 30 s instead of 1 s).
    EXECUTE format(
      'WITH r AS MATERIALIZED (
         SELECT n.%I AS tenant_id, n.id, to_jsonb(o) AS o, to_jsonb(n) AS n
           FROM new_rows n JOIN old_rows o ON o.id = n.id
       ), d AS (
         SELECT r.tenant_id, r.id,
                (SELECT coalesce(jsonb_object_agg(b.key, b.value), ''{}'')
                   FROM jsonb_each(amms_private.audit_clean(r.o)) b
                  WHERE r.o -> b.key IS DISTINCT FROM r.n -> b.key) AS before,
                (SELECT coalesce(jsonb_object_agg(a.key, a.value), ''{}'')
                   FROM jsonb_each(amms_private.audit_clean(r.n)) a
                  WHERE r.n -> a.key IS DISTINCT FROM r.o -> a.key) AS after
           FROM r
       )
       INSERT INTO audit_logs (tenant_id, user_id, station_id, action, entity_type, entity_id, changes)
       SELECT d.tenant_id, $1, $2, ''update'', %L, d.id, jsonb_build_object(''before'', d.before, ''after'', d.after)
         FROM d
        WHERE d.after <> ''{}''::jsonb', tenant_col, TG_TABLE_NAME) USING actor, station;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.audit_statement() FROM PUBLIC;

-- The work-order state machine (0002) with Agile Mode and mandatory tasks:
-- Trigger of work_orders (BEFORE UPDATE OF status; created by migration 0002): the state machine.
-- draft -> ready -> in_progress -> closed; draft, ready and in_progress -> cancelled;
-- in_progress -> ready and ready -> draft (put back). With Agile Mode (tenants.settings.agile_mode)
-- a draft may also be started straight away (draft -> in_progress): field work before the
-- paperwork is ready. A closed or cancelled work order is final; it cannot close while a
-- mandatory task has no result. Starting stamps started_at.
CREATE OR REPLACE FUNCTION amms_private.work_order_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'draft' AND NEW.status IN ('ready', 'cancelled'))
    OR (OLD.status = 'draft' AND NEW.status = 'in_progress' AND amms_private.wo_agile_mode(NEW.tenant_id))
    OR (OLD.status = 'ready' AND NEW.status IN ('in_progress', 'cancelled', 'draft'))
    OR (OLD.status = 'in_progress' AND NEW.status IN ('closed', 'ready', 'cancelled'))
  ) THEN
    RAISE EXCEPTION 'Work order % cannot go from % to %', OLD.code, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'work_orders_status_transition';
  END IF;
  IF NEW.status = 'closed' AND EXISTS (
    SELECT 1 FROM wo_tasks t WHERE t.wo_id = NEW.id AND t.is_mandatory AND t.result IS NULL
  ) THEN
    RAISE EXCEPTION 'Work order % has mandatory tasks without a result; it cannot be closed', OLD.code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'work_orders_mandatory_tasks_done';
  END IF;
  IF NEW.status = 'in_progress' AND NEW.started_at IS NULL THEN
    NEW.started_at := now();
  END IF;
  RETURN NEW;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.work_order_transition() FROM PUBLIC;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
