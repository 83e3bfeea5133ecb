-- The status an asset goes back to when it comes off a truck: its status now, unless it is
-- in_transit without being on a truck (dispatched and reported missing, then found): then the
-- status it had before that trip.
CREATE OR REPLACE FUNCTION amms_private.asset_status_before_trip(a assets) RETURNS asset_status
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE WHEN a.status <> 'in_transit' THEN a.status
    ELSE coalesce((SELECT m.asset_status_before FROM asset_movements m
                    WHERE m.tenant_id = a.tenant_id AND m.asset_id = a.id AND m.asset_status_before IS NOT NULL
                      AND m.asset_status_before <> 'in_transit'
                    ORDER BY m.created_at DESC, m.id DESC LIMIT 1), 'in_service')
  END
$$;
REVOKE EXECUTE ON FUNCTION amms_private.asset_status_before_trip(assets) FROM PUBLIC;
