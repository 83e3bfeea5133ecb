-- AMMS central database, migration 0011: indexes for the station's site scope.
--
-- A station pulls its site's transactional data (src-main/cache/sync-scope.ts). An asset movement
-- is at a site through either of its ends, and a site's people are found by site; these indexes
-- let the initial sync and the fetch that follows a location or a person moving between sites
-- read just those rows instead of the whole table.

CREATE INDEX asset_movements_from_idx ON asset_movements (tenant_id, from_location_id);
CREATE INDEX asset_movements_to_idx ON asset_movements (tenant_id, to_location_id);
CREATE INDEX users_site_idx ON users (tenant_id, site_id);
