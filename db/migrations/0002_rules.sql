-- AMMS central database, migration 0002: business rules the database enforces itself.
-- Hierarchies (adjacency lists with cycle prevention and recursive queries), location typing,
-- warehouse-only stock, meters that never go down, PM suppression and the work-order state machine.
-- Errors use SQLSTATE 23514 (check_violation) or 23503 and a message a storekeeper can read.

-- Hierarchies ------------------------------------------------------------------------------------

-- Rejects a parent change that would make a row its own ancestor. TG_ARGV[0] is the parent column.
-- Concurrent re-parenting in one tenant is serialised with a transaction advisory lock, so two
-- moves that are each harmless alone cannot together close a loop.
CREATE FUNCTION amms_private.prevent_hierarchy_cycle() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  parent_col text := TG_ARGV[0];
  new_parent uuid;
  old_parent uuid;
  loops boolean;
BEGIN
  EXECUTE format('SELECT ($1).%1$I, ($2).%1$I', parent_col) INTO new_parent, old_parent USING NEW, OLD;
  IF new_parent IS NULL OR new_parent IS NOT DISTINCT FROM old_parent THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('amms.hierarchy.' || TG_TABLE_NAME), hashtext(NEW.tenant_id::text));
  EXECUTE format(
    'WITH RECURSIVE up(id, parent, path) AS (
       SELECT t.id, t.%1$I, ARRAY[t.id] FROM %2$I t WHERE t.id = $1
       UNION ALL
       SELECT t.id, t.%1$I, up.path || t.id FROM %2$I t JOIN up ON t.id = up.parent
       WHERE NOT t.id = ANY (up.path))
     SELECT EXISTS (SELECT 1 FROM up WHERE up.id = $2)', parent_col, TG_TABLE_NAME)
    INTO loops USING new_parent, NEW.id;
  IF loops THEN
    RAISE EXCEPTION '% % cannot be placed under one of its own descendants', TG_TABLE_NAME, NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_no_cycle',
            HINT = 'Choose a parent that is not inside this item.';
  END IF;
  RETURN NEW;
END $$;

-- Locations: Site > Building > Room/Area/Warehouse. Keeps site_id (the root site) up to date.
CREATE FUNCTION amms_private.locations_check_type() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  parent_type location_type;
  parent_site uuid;
BEGIN
  IF NEW.type = 'site' THEN
    IF NEW.parent_id IS NOT NULL THEN
      RAISE EXCEPTION 'A site is the top of a hierarchy and cannot sit inside another location'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
    NEW.site_id := NEW.id;
  ELSE
    IF NEW.parent_id IS NULL THEN
      RAISE EXCEPTION 'A % must sit inside a site or building', NEW.type
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
    SELECT l.type, l.site_id INTO parent_type, parent_site
      FROM locations l WHERE l.id = NEW.parent_id AND l.tenant_id = NEW.tenant_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'The parent location does not exist in this tenant'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'locations_parent_fk';
    END IF;
    IF NEW.type = 'building' AND parent_type <> 'site' THEN
      RAISE EXCEPTION 'A building must sit directly inside a site, not inside a %', parent_type
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
    IF NEW.type IN ('room', 'area', 'warehouse') AND parent_type NOT IN ('site', 'building', 'area') THEN
      RAISE EXCEPTION 'A % must sit inside a site, building or area, not inside a %', NEW.type, parent_type
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
    NEW.site_id := parent_site;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.type <> OLD.type THEN
    IF EXISTS (SELECT 1 FROM locations c WHERE c.parent_id = OLD.id) THEN
      RAISE EXCEPTION 'Location % has locations inside it; its type cannot change', OLD.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
    IF OLD.type = 'warehouse' AND EXISTS (SELECT 1 FROM inventory_stock s WHERE s.location_id = OLD.id) THEN
      RAISE EXCEPTION 'Warehouse % holds stock; it must stay a warehouse', OLD.code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'locations_type_parent';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- When a location moves to another site, everything inside it follows.
CREATE FUNCTION amms_private.locations_propagate_site() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.site_id IS DISTINCT FROM OLD.site_id THEN
    UPDATE locations c SET site_id = NEW.site_id WHERE c.parent_id = NEW.id AND c.site_id <> NEW.site_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER locations_no_cycle BEFORE UPDATE OF parent_id ON locations
  FOR EACH ROW EXECUTE FUNCTION amms_private.prevent_hierarchy_cycle('parent_id');
CREATE TRIGGER locations_type BEFORE INSERT OR UPDATE ON locations
  FOR EACH ROW EXECUTE FUNCTION amms_private.locations_check_type();
CREATE TRIGGER locations_site AFTER UPDATE OF parent_id, site_id ON locations
  FOR EACH ROW EXECUTE FUNCTION amms_private.locations_propagate_site();

CREATE TRIGGER assets_no_cycle BEFORE UPDATE OF parent_id ON assets
  FOR EACH ROW EXECUTE FUNCTION amms_private.prevent_hierarchy_cycle('parent_id');

-- Recursive queries (SECURITY INVOKER: row-level security of the caller applies).
CREATE FUNCTION location_subtree(root_id uuid)
RETURNS TABLE (id uuid, parent_id uuid, name text, type location_type, code text, depth integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  WITH RECURSIVE tree AS (
    SELECT l.id, l.parent_id, l.name, l.type, l.code, 0 AS depth, ARRAY[l.id] AS path
      FROM locations l WHERE l.id = root_id
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.type, c.code, tree.depth + 1, tree.path || c.id
      FROM locations c JOIN tree ON c.parent_id = tree.id
     WHERE NOT c.id = ANY (tree.path)
  )
  SELECT tree.id, tree.parent_id, tree.name, tree.type, tree.code, tree.depth FROM tree ORDER BY tree.path
$$;

CREATE FUNCTION location_path(leaf_id uuid)
RETURNS TABLE (id uuid, parent_id uuid, name text, type location_type, code text, depth integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  WITH RECURSIVE up AS (
    SELECT l.id, l.parent_id, l.name, l.type, l.code, 0 AS height, ARRAY[l.id] AS seen
      FROM locations l WHERE l.id = leaf_id
    UNION ALL
    SELECT p.id, p.parent_id, p.name, p.type, p.code, up.height + 1, up.seen || p.id
      FROM locations p JOIN up ON p.id = up.parent_id
     WHERE NOT p.id = ANY (up.seen)
  )
  SELECT up.id, up.parent_id, up.name, up.type, up.code, (max(up.height) OVER () - up.height)::integer
    FROM up ORDER BY up.height DESC
$$;

CREATE FUNCTION asset_subtree(root_id uuid)
RETURNS TABLE (id uuid, parent_id uuid, name text, location_id uuid, depth integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  WITH RECURSIVE tree AS (
    SELECT a.id, a.parent_id, a.name, a.location_id, 0 AS depth, ARRAY[a.id] AS path
      FROM assets a WHERE a.id = root_id
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.location_id, tree.depth + 1, tree.path || c.id
      FROM assets c JOIN tree ON c.parent_id = tree.id
     WHERE NOT c.id = ANY (tree.path)
  )
  SELECT tree.id, tree.parent_id, tree.name, tree.location_id, tree.depth FROM tree ORDER BY tree.path
$$;

CREATE FUNCTION asset_path(leaf_id uuid)
RETURNS TABLE (id uuid, parent_id uuid, name text, location_id uuid, depth integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  WITH RECURSIVE up AS (
    SELECT a.id, a.parent_id, a.name, a.location_id, 0 AS height, ARRAY[a.id] AS seen
      FROM assets a WHERE a.id = leaf_id
    UNION ALL
    SELECT p.id, p.parent_id, p.name, p.location_id, up.height + 1, up.seen || p.id
      FROM assets p JOIN up ON p.id = up.parent_id
     WHERE NOT p.id = ANY (up.seen)
  )
  SELECT up.id, up.parent_id, up.name, up.location_id, (max(up.height) OVER () - up.height)::integer
    FROM up ORDER BY up.height DESC
$$;

-- Inventory ----------------------------------------------------------------------------------------

CREATE FUNCTION amms_private.stock_location_is_warehouse() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  loc_type location_type;
  loc_code text;
BEGIN
  SELECT l.type, l.code INTO loc_type, loc_code
    FROM locations l WHERE l.id = NEW.location_id AND l.tenant_id = NEW.tenant_id;
  IF FOUND AND loc_type <> 'warehouse' THEN
    RAISE EXCEPTION 'Stock can only be held in a warehouse; % is a %', loc_code, loc_type
      USING ERRCODE = 'check_violation', CONSTRAINT = 'inventory_stock_location_is_warehouse';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inventory_stock_warehouse BEFORE INSERT OR UPDATE OF location_id ON inventory_stock
  FOR EACH ROW EXECUTE FUNCTION amms_private.stock_location_is_warehouse();

CREATE FUNCTION amms_private.wallet_holder_is_technician() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  holder_role user_role;
BEGIN
  SELECT u.role INTO holder_role FROM users u WHERE u.id = NEW.user_id AND u.tenant_id = NEW.tenant_id;
  IF FOUND AND holder_role <> 'technician' THEN
    RAISE EXCEPTION 'Only technicians hold a parts wallet; this user is a %', holder_role
      USING ERRCODE = 'check_violation', CONSTRAINT = 'inventory_wallets_holder_is_technician';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inventory_wallets_technician BEFORE INSERT OR UPDATE OF user_id ON inventory_wallets
  FOR EACH ROW EXECUTE FUNCTION amms_private.wallet_holder_is_technician();

-- Meters never go down --------------------------------------------------------------------------------

CREATE FUNCTION amms_private.meters_never_decrease() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.current_run_hours < OLD.current_run_hours THEN
    RAISE EXCEPTION 'Run hours cannot go down (from % to %)', OLD.current_run_hours, NEW.current_run_hours
      USING ERRCODE = 'check_violation', CONSTRAINT = 'asset_meters_run_hours_never_decrease';
  END IF;
  IF NEW.current_odometer < OLD.current_odometer OR (OLD.current_odometer IS NOT NULL AND NEW.current_odometer IS NULL) THEN
    RAISE EXCEPTION 'The odometer cannot go down (from % to %)', OLD.current_odometer, NEW.current_odometer
      USING ERRCODE = 'check_violation', CONSTRAINT = 'asset_meters_odometer_never_decrease';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER asset_meters_monotonic BEFORE UPDATE ON asset_meters
  FOR EACH ROW EXECUTE FUNCTION amms_private.meters_never_decrease();

-- PM schedules: a schedule may be suppressed by another schedule of the same asset (the 500 h
-- service includes the 250 h one), and suppression chains never loop.
CREATE FUNCTION amms_private.pm_suppression_same_asset() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  other_asset uuid;
BEGIN
  IF NEW.suppressed_by_schedule_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT s.asset_id INTO other_asset
    FROM pm_schedules s WHERE s.id = NEW.suppressed_by_schedule_id AND s.tenant_id = NEW.tenant_id;
  IF FOUND AND other_asset <> NEW.asset_id THEN
    RAISE EXCEPTION 'A PM schedule can only be suppressed by another schedule of the same asset'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'pm_schedules_suppressed_by_same_asset';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER pm_schedules_suppression BEFORE INSERT OR UPDATE OF suppressed_by_schedule_id, asset_id ON pm_schedules
  FOR EACH ROW EXECUTE FUNCTION amms_private.pm_suppression_same_asset();
CREATE TRIGGER pm_schedules_no_cycle BEFORE UPDATE OF suppressed_by_schedule_id ON pm_schedules
  FOR EACH ROW EXECUTE FUNCTION amms_private.prevent_hierarchy_cycle('suppressed_by_schedule_id');

-- Work orders: draft -> ready -> in_progress -> closed; draft/ready/in_progress -> cancelled;
-- in_progress -> ready (put back). A closed or cancelled work order is final. A work order cannot
-- close while a mandatory task has no result.
CREATE FUNCTION amms_private.work_order_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'draft' AND NEW.status IN ('ready', 'cancelled'))
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
CREATE TRIGGER work_orders_status BEFORE UPDATE OF status ON work_orders
  FOR EACH ROW EXECUTE FUNCTION amms_private.work_order_transition();
