-- asset_subtree(root_id): an asset and every component under it (adjacency list, cycle-safe), in
-- tree order with the depth of each. Stations read with it, and loading a unit onto a truck loads its
-- components with it.
--
-- Before this file: migration 0002 (EXECUTE granted to stations in 0004).

CREATE OR REPLACE FUNCTION public.asset_subtree(root_id uuid)
RETURNS TABLE(id uuid, parent_id uuid, name text, location_id uuid, depth integer)
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
REVOKE EXECUTE ON FUNCTION public.asset_subtree(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.asset_subtree(uuid) TO amms_station;
