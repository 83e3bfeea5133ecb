-- amms_private.payload_bin(payload, key): a bin label from an operation's payload, trimmed and
-- upper-cased, or an 'invalid_bin' rejection (the format of stock_movements_bin_format).
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.payload_bin(payload jsonb, key text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  bin text := upper(btrim(coalesce(payload ->> key, '')));
BEGIN
  IF bin !~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$' THEN
    PERFORM amms_private.reject('invalid_bin', format('"%s" is not a valid bin label.', coalesce(payload ->> key, '')));
  END IF;
  RETURN bin;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.payload_bin(jsonb, text) FROM PUBLIC;
