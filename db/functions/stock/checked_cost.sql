-- amms_private.checked_cost(raw, label): an optional unit cost: a JSON number from 0 to 1,000,000
-- with at most 2 decimals, or NULL when missing or null.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.checked_cost(raw jsonb, label text) RETURNS numeric
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
REVOKE EXECUTE ON FUNCTION amms_private.checked_cost(jsonb, text) FROM PUBLIC;
