-- amms_private.checked_count(raw, part, label): a counted quantity: like
-- amms_private.checked_quantity, but 0 is a valid count.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.checked_count(raw jsonb, part parts, label text) RETURNS numeric
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
REVOKE EXECUTE ON FUNCTION amms_private.checked_count(jsonb, parts, text) FROM PUBLIC;
