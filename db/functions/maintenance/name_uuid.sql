-- A UUID that follows from a name (the PM engine's work orders and tasks follow from the schedule
-- and cycle, so the same history gives the same ids): the name's MD5 with the version set to 8
-- and the RFC 4122 variant, so that it is a valid UUID for the stations' contract (which checks the
-- version and variant of every id it is given back, e.g. in wo.ready). No SET clause, so that
-- PostgreSQL inlines it (it calls only pg_catalog functions).
CREATE OR REPLACE FUNCTION amms_private.name_uuid(p_name text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  SELECT (substr(h, 1, 12) || '8' || substr(h, 14, 3)
          || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1)
          || substr(h, 18, 15))::uuid
    FROM md5(p_name) AS h
$$;
REVOKE EXECUTE ON FUNCTION amms_private.name_uuid(text) FROM PUBLIC;
