// After the demo data is loaded: the PM engine runs as of the anchor day, so that every due
// schedule has its work order (with the sentence why) and smaller services are folded into the
// bigger ones, exactly as in production. Then, so that a site shows a working day, some of the
// generated work orders are released and assigned to a technician of the asset's site, and some
// of those are under way with their first tasks ticked; and each schedule points at the work
// order that completed it last. All in the seed's transaction (row-by-row audit stays off).
import type pg from 'pg';

export async function runPmEngineForDemo(
  client: pg.ClientBase,
  tenantIds: readonly string[],
  anchorDay: string,
): Promise<number> {
  let generated = 0;
  for (const tenantId of tenantIds) {
    const { rows } = await client.query<{ n: number }>(
      'SELECT jsonb_array_length(amms_private.pm_run($1::date, $2::uuid))::int AS n',
      [anchorDay, tenantId],
    );
    generated += rows[0]?.n ?? 0;
  }
  await client.query(
    `UPDATE pm_schedules s SET last_performed_wo_id = c.wo_id
       FROM (SELECT DISTINCT ON (schedule_id) schedule_id, wo_id FROM pm_completions
              WHERE tenant_id = ANY ($1::uuid[]) AND kind IN ('done', 'folded')
              ORDER BY schedule_id, cycle DESC) c
      WHERE s.id = c.schedule_id AND s.last_performed_wo_id IS DISTINCT FROM c.wo_id`,
    [tenantIds],
  );
  // Which generated work orders move on, decided by a hash of their id (deterministic).
  const pick = `('x' || substr(md5(w.id::text), 1, 6))::bit(24)::int % 100`;
  await client.query(
    `UPDATE work_orders w
        SET status = 'ready',
            assigned_to_user_id = (
              SELECT u.id FROM users u JOIN assets a ON a.id = w.asset_id JOIN locations l ON l.id = a.location_id
               WHERE u.tenant_id = w.tenant_id AND u.role = 'technician' AND u.is_active AND u.site_id = l.site_id
               ORDER BY md5(w.id::text || u.id::text) LIMIT 1)
      WHERE w.tenant_id = ANY ($1::uuid[]) AND w.origin = 'pm' AND w.status = 'draft' AND ${pick} < 55`,
    [tenantIds],
  );
  await client.query(
    `UPDATE work_orders w
        SET status = 'in_progress', started_at = $2::date - interval '1 day' + interval '7 hours' * (${pick} % 3)
      WHERE w.tenant_id = ANY ($1::uuid[]) AND w.origin = 'pm' AND w.status = 'ready'
        AND w.assigned_to_user_id IS NOT NULL AND ${pick} < 25`,
    [tenantIds, anchorDay],
  );
  await client.query(
    `UPDATE wo_tasks t
        SET result = 'pass', completed_by_user_id = w.assigned_to_user_id,
            completed_at = w.started_at + interval '20 minutes' * t.seq
       FROM work_orders w
      WHERE t.wo_id = w.id AND w.tenant_id = ANY ($1::uuid[]) AND w.origin = 'pm' AND w.status = 'in_progress'
        AND t.seq <= 2 AND t.result IS NULL`,
    [tenantIds],
  );
  return generated;
}
