-- The next work-order code of a tenant (WO-000124): a per-tenant counter, started from the highest
-- WO-nnnnnn code the tenant has; a code that exists already (written by hand) is passed over. The
-- counter row stays locked until the transaction ends, so codes are handed out one at a time.
CREATE OR REPLACE FUNCTION amms_private.next_wo_code(p_tenant uuid) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_n bigint;
  v_code text;
BEGIN
  UPDATE amms_private.wo_code_counters c SET last_number = c.last_number + 1
   WHERE c.tenant_id = p_tenant RETURNING c.last_number INTO v_n;
  IF v_n IS NULL THEN
    SELECT coalesce(max(substring(w.code FROM '^WO-([0-9]{1,15})$')::bigint), 0) + 1 INTO v_n
      FROM work_orders w WHERE w.tenant_id = p_tenant;
    INSERT INTO amms_private.wo_code_counters AS c (tenant_id, last_number) VALUES (p_tenant, v_n)
    ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
    RETURNING c.last_number INTO v_n;
  END IF;
  LOOP
    v_code := 'WO-' || lpad(v_n::text, 6, '0');
    EXIT WHEN NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.tenant_id = p_tenant AND w.code = v_code);
    UPDATE amms_private.wo_code_counters c SET last_number = c.last_number + 1
     WHERE c.tenant_id = p_tenant RETURNING c.last_number INTO v_n;
  END LOOP;
  RETURN v_code;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.next_wo_code(uuid) FROM PUBLIC;
