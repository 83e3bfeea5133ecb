-- A service request's photo from the payload ({ content_type, data: base64 }): decoded, at most
-- 1.5 MiB, and really the image type it claims (JPEG, PNG or WebP, by its first bytes).
CREATE OR REPLACE FUNCTION amms_private.sr_photo_bytes(photo jsonb) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_type text := photo ->> 'content_type';
  v_bytes bytea;
  v_magic_ok boolean;
BEGIN
  IF jsonb_typeof(photo) IS DISTINCT FROM 'object' THEN
    PERFORM amms_private.reject('invalid_photo', 'The photo must be an object with content_type and data.');
  END IF;
  IF v_type IS NULL OR v_type NOT IN ('image/jpeg', 'image/png', 'image/webp') THEN
    PERFORM amms_private.reject('invalid_photo', 'The photo must be a JPEG, PNG or WebP image.');
  END IF;
  IF jsonb_typeof(photo -> 'data') IS DISTINCT FROM 'string' THEN
    PERFORM amms_private.reject('invalid_photo', 'The photo has no data.');
  END IF;
  IF length(photo ->> 'data') > 2200000 THEN
    PERFORM amms_private.reject('photo_too_large', 'The photo is larger than 1.5 MB; take it again at a lower resolution.');
  END IF;
  BEGIN
    v_bytes := decode(photo ->> 'data', 'base64');
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_photo', 'The photo''s data is not base64.');
  END;
  IF octet_length(v_bytes) = 0 THEN
    PERFORM amms_private.reject('invalid_photo', 'The photo is empty.');
  END IF;
  IF octet_length(v_bytes) > 1572864 THEN
    PERFORM amms_private.reject('photo_too_large', 'The photo is larger than 1.5 MB; take it again at a lower resolution.');
  END IF;
  v_magic_ok := CASE v_type
      WHEN 'image/jpeg' THEN substring(v_bytes FROM 1 FOR 3) = '\xffd8ff'::bytea
      WHEN 'image/png' THEN substring(v_bytes FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea
      ELSE substring(v_bytes FROM 1 FOR 4) = '\x52494646'::bytea AND substring(v_bytes FROM 9 FOR 4) = '\x57454250'::bytea
    END;
  IF NOT v_magic_ok THEN
    PERFORM amms_private.reject('invalid_photo', format('The photo is not a %s image.', upper(substr(v_type, 7))));
  END IF;
  RETURN v_bytes;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.sr_photo_bytes(jsonb) FROM PUBLIC;
