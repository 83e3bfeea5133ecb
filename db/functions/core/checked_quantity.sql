-- amms_private.checked_quantity(raw, part, label): a quantity for a part from an operation's
-- payload: a JSON number, positive, at most 1,000,000, whole for parts counted in pieces, 3
-- decimals at most; otherwise an 'invalid_quantity' rejection naming the field by its label.
--
-- Before this file: migration 0006.

CREATE OR REPLACE FUNCTION amms_private.checked_quantity(raw jsonb, part parts, label text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  qty numeric;
BEGIN
  IF raw IS NULL OR jsonb_typeof(raw) <> 'number' THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s must be a number.', label));
  END IF;
  qty := (raw #>> '{}')::numeric;
  IF qty <= 0 THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s must be more than zero.', label));
  END IF;
  IF qty > 1000000 THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s of %s is more than 1,000,000.', label, qty));
  END IF;
  IF part.unit = 'piece' AND qty <> trunc(qty) THEN
    PERFORM amms_private.reject('invalid_quantity',
      format('%s is counted in whole pieces; %s is not a whole number.', part.sku, qty));
  END IF;
  IF qty <> round(qty, 3) THEN
    PERFORM amms_private.reject('invalid_quantity', format('%s has more than 3 decimals.', label));
  END IF;
  RETURN qty;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.checked_quantity(jsonb, parts, text) FROM PUBLIC;
