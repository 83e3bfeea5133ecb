-- amms_private.reject(code, message): a business rule broken by an operation. Raised by the
-- apply functions and their helpers with SQLSTATE P0001 and a short code in DETAIL, so that
-- amms_push rolls the operation back and the ledger keeps a code the station can act on and a
-- message in the user's words.
--
-- Before this file: migration 0005.

CREATE OR REPLACE FUNCTION amms_private.reject(code text, message text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = message, DETAIL = code;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.reject(text, text) FROM PUBLIC;
