// Loading one table of demo data, fast when it is big.
//
// Small tables are plain COPY with every trigger and constraint active. A big table (at least
// `fastMinRows` rows, holding fewer rows than are about to be loaded, owned by us) is loaded the way
// pg_restore does it, inside the seed's transaction: its secondary indexes, unreferenced primary
// key / unique constraints and foreign keys are dropped, the per-row triggers whose effect is known
// are disabled, the rows are COPYed, and then everything is rebuilt from the catalogue's own
// definitions. Re-adding a constraint validates every row, and what the disabled triggers would
// have checked is checked with one query each, so all rules hold at the end exactly as they would
// row by row. Measured on 1,000,000 stock rows: about 4x faster than COPY through the triggers.
//
// The DDL takes ACCESS EXCLUSIVE locks on the table until the seed commits (stations reading it
// wait), and rolls back with everything else if anything fails.
import type pg from 'pg';
import { copyRows, quoteIdent, type CopyRow } from './copy-rows.ts';
import type { TableSpec } from './tables.ts';

/** Session settings for the bulk load (transaction-local). */
export async function prepareBulkSession(client: pg.ClientBase): Promise<void> {
  // Row-by-row audit is skipped for this privileged session; one bulk_load audit row per table follows.
  await client.query(`SET LOCAL amms.bulk_load = 'on'`);
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  const { rows } = await client.query<{ on: boolean }>('SELECT amms_private.audit_suppressed() AS on');
  if (!rows[0]?.on) throw new Error('Bulk load mode could not be enabled (is this the admin connection?).');
}

interface AfterLoad {
  /** A query that returns a row when the loaded data breaks the trigger's rule. */
  check?: { sql: string; message: (row: Record<string, unknown>) => string };
  /** Repeat the trigger's side effect once per loaded tenant: $1 is the tenant ids (uuid[]). */
  perTenant?: string;
}

/**
 * Trigger functions whose effect on INSERT the fast path reproduces: stamps equal the column
 * defaults (row_version 1, change_xid of this transaction), audit is suppressed in this session
 * anyway, tombstones are for deletes, the sync wake-up is sent once per tenant, and the warehouse
 * rule is re-checked by one query. A trigger not listed here keeps all triggers on.
 */
const COVERED_TRIGGER_FUNCTIONS: Record<string, AfterLoad> = {
  'amms_private.stamp_row': {},
  'amms_private.audit_statement': {},
  'amms_private.record_tombstones': {},
  'amms_private.notify_sync': {
    perTenant: `SELECT pg_notify(amms_private.sync_channel(t), '') FROM unnest($1::uuid[]) AS t`,
  },
  // The day lock and the correction rule of daily logs trust a privileged bulk load (migration 0014).
  'amms_private.daily_logs_day_open': {},
  'amms_private.daily_logs_corrected_only': {},
  'amms_private.stock_location_is_warehouse': {
    check: {
      sql: `SELECT l.code, l.type::text AS type FROM inventory_stock s JOIN locations l ON l.id = s.location_id
             WHERE l.type <> 'warehouse' LIMIT 1`,
      message: (r) => `Stock can only be held in a warehouse; ${String(r.code)} is a ${String(r.type)}`,
    },
  },
};

interface RebuildPlan {
  before: string[];
  after: string[];
  afterLoad: AfterLoad[];
}

async function canRebuild(client: pg.ClientBase, table: string, expectedRows: number): Promise<boolean> {
  const { rows } = await client.query<{ owner: boolean; small: boolean }>(
    `SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
            (SELECT count(*) FROM (SELECT 1 FROM ${quoteIdent(table)} LIMIT $2) s) < $2 AS small
       FROM pg_class c WHERE c.oid = $1::regclass`,
    [table, expectedRows],
  );
  return rows[0]?.owner === true && rows[0].small;
}

async function planRebuild(client: pg.ClientBase, table: string): Promise<RebuildPlan> {
  const t = quoteIdent(table);
  const plan: RebuildPlan = { before: [], after: [], afterLoad: [] };
  const defs = await client.query<{ name: string; def: string; kind: string }>(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS def, k.contype::text AS kind
       FROM pg_constraint k
      WHERE k.conrelid = $1::regclass
        AND (k.contype = 'f' OR (k.contype IN ('p', 'u') AND NOT EXISTS (
              -- Kept when anything else needs it: a foreign key on its index, a view on the key.
              SELECT 1 FROM pg_depend d
               WHERE d.deptype <> 'i'
                 AND ((d.refclassid = 'pg_constraint'::regclass AND d.refobjid = k.oid)
                   OR (d.refclassid = 'pg_class'::regclass AND d.refobjid = k.conindid)))))
      ORDER BY k.contype DESC, k.conname`,
    [table],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indexrelid AND d.deptype <> 'i')
      ORDER BY c.relname`,
    [table],
  );
  const triggers = await client.query<{ name: string; fn: string }>(
    `SELECT t.tgname AS name, n.nspname || '.' || p.proname AS fn
       FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE t.tgrelid = $1::regclass AND NOT t.tgisinternal AND t.tgenabled <> 'D'
      ORDER BY t.tgname`,
    [table],
  );
  const keys = defs.rows.filter((d) => d.kind !== 'f');
  const fks = defs.rows.filter((d) => d.kind === 'f');
  for (const fk of fks) plan.before.push(`ALTER TABLE ${t} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  for (const ix of indexes.rows) plan.before.push(`DROP INDEX ${quoteIdent(ix.name)}`);
  for (const key of keys) plan.before.push(`ALTER TABLE ${t} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  // Triggers are disabled only if every one of them is understood; otherwise they all stay on.
  const covered = triggers.rows.every((tg) => tg.fn in COVERED_TRIGGER_FUNCTIONS);
  if (covered && triggers.rows.length > 0) {
    plan.before.push(
      `ALTER TABLE ${t} ${triggers.rows.map((tg) => `DISABLE TRIGGER ${quoteIdent(tg.name)}`).join(', ')}`,
    );
    plan.after.push(
      `ALTER TABLE ${t} ${triggers.rows.map((tg) => `ENABLE TRIGGER ${quoteIdent(tg.name)}`).join(', ')}`,
    );
    for (const fn of new Set(triggers.rows.map((tg) => tg.fn))) {
      const after = COVERED_TRIGGER_FUNCTIONS[fn];
      if (after) plan.afterLoad.push(after);
    }
  }
  for (const key of keys)
    plan.after.push(`ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.def}`);
  for (const ix of indexes.rows) plan.after.push(ix.def);
  for (const fk of fks) plan.after.push(`ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
  return plan;
}

/** COPYs the rows into the table (rebuilding its indexes and constraints around a big load). */
export async function bulkLoad(
  client: pg.ClientBase,
  spec: TableSpec,
  rows: Iterable<CopyRow>,
  expectedRows: number,
  fastMinRows: number,
  tenantIds: readonly string[],
  report: (step: string) => void = () => undefined,
): Promise<number> {
  if (expectedRows < fastMinRows || !(await canRebuild(client, spec.table, expectedRows))) {
    return copyRows(client, spec.table, spec.columns, rows);
  }
  const plan = await planRebuild(client, spec.table);
  for (const sql of plan.before) await client.query(sql);
  const loaded = await copyRows(client, spec.table, spec.columns, rows);
  report(`${spec.table}: rebuilding indexes and validating constraints`);
  for (const sql of plan.after) await client.query(sql);
  for (const after of plan.afterLoad) {
    if (after.check) {
      const { rows: bad } = await client.query<Record<string, unknown>>(after.check.sql);
      const first = bad[0];
      if (first) throw new Error(after.check.message(first));
    }
    if (after.perTenant !== undefined) await client.query(after.perTenant, [tenantIds]);
  }
  return loaded;
}
