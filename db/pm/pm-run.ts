// The PM engine's full run from outside the database: `amms pm run` (for cron with an external
// PostgreSQL) and the periodic run of the `amms server` process. Calls amms_private.pm_run (see
// db/functions/maintenance/pm_run.sql) in one transaction as an admin login; safe to call as often
// as anyone likes and from several places at once: a second run waits for the first and then
// finds nothing new to generate.
import pg from 'pg';

export interface GeneratedWorkOrder {
  wo_id: string;
  code: string;
  asset_id: string;
  asset: string;
  schedule_id: string;
  schedule: string;
  cycle: number;
  due_date: string;
  why: string;
  folded: { schedule_id: string; schedule: string; cancelled_wo: string | null }[];
}

export interface PmRunOptions {
  /** Evaluate as if today were this day (YYYY-MM-DD); default the server's current_date. */
  asOf?: string;
  /** Only this tenant (its slug); default every tenant. */
  tenantSlug?: string;
  /** Evaluate and report, then roll back: nothing is written. */
  dryRun?: boolean;
}

export interface PmRunResult {
  asOf: string;
  generated: GeneratedWorkOrder[];
  /** Schedules the run evaluated (active and inactive). */
  schedules: number;
  ms: number;
}

/** Runs the engine once with an open admin client (superuser or BYPASSRLS). */
export async function runPmEngine(client: pg.ClientBase, options: PmRunOptions = {}): Promise<PmRunResult> {
  const started = performance.now();
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new Error(`'${options.asOf}' is not a date (expected YYYY-MM-DD).`);
  }
  await client.query('BEGIN');
  try {
    let tenantId: string | null = null;
    if (options.tenantSlug !== undefined) {
      const { rows } = await client.query<{ id: string }>('SELECT id::text FROM tenants WHERE slug = $1', [
        options.tenantSlug,
      ]);
      tenantId = rows[0]?.id ?? null;
      if (tenantId === null) throw new Error(`No tenant has the slug '${options.tenantSlug}'.`);
    }
    const { rows } = await client.query<{
      as_of: string;
      generated: GeneratedWorkOrder[];
      schedules: number;
    }>(
      `SELECT d::text AS as_of, amms_private.pm_run(d, $2::uuid) AS generated,
              (SELECT count(*)::int FROM pm_schedules WHERE $2::uuid IS NULL OR tenant_id = $2::uuid) AS schedules
         FROM (SELECT coalesce($1::date, current_date) AS d) x`,
      [options.asOf ?? null, tenantId],
    );
    await client.query(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    const row = rows[0];
    return {
      asOf: row?.as_of ?? '',
      generated: row?.generated ?? [],
      schedules: row?.schedules ?? 0,
      ms: performance.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Connects to url, runs the engine once and disconnects. */
export async function runPmEngineAt(url: string, options: PmRunOptions = {}): Promise<PmRunResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'amms pm run' });
  await client.connect();
  try {
    return await runPmEngine(client, options);
  } finally {
    await client.end();
  }
}

/** One line per generated work order, for people and logs. */
export function describePmRun(result: PmRunResult, dryRun = false): string[] {
  const verb = dryRun ? 'would generate' : 'generated';
  const head =
    result.generated.length === 0
      ? `PM run as of ${result.asOf}: ${result.schedules.toLocaleString('en-US')} schedules checked, nothing to generate (${Math.round(result.ms)} ms).`
      : `PM run as of ${result.asOf}: ${result.schedules.toLocaleString('en-US')} schedules checked, ${verb} ${result.generated.length} work order(s) (${Math.round(result.ms)} ms):`;
  return [
    head,
    ...result.generated.map((g) => `  ${g.code}  ${g.asset}  ${g.schedule} (due ${g.due_date}): ${g.why}`),
  ];
}
