// Sync bookkeeping: a deleted row leaves a tombstone (written by a trigger) so stations delete their copy.
import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { changeXid, tenantId, timestamptz, xid8 } from './columns.ts';
import { stations } from './core.ts';
import { tenantForeignKey, tenants as tenantsRef } from './tenants.ts';
import { opOutcome } from './enums.ts';

export const syncTombstones = pgTable(
  'sync_tombstones',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    deletedAt: timestamptz('deleted_at').notNull().defaultNow(),
    changeXid: changeXid(),
  },
  (t) => [
    tenantForeignKey('sync_tombstones', t.tenantId),
    index('sync_tombstones_change_idx').on(t.tenantId, t.changeXid),
  ],
);

export type SyncTombstone = typeof syncTombstones.$inferSelect;

/** The push ledger: every operation a station pushed, applied exactly once, with its outcome. */
export const opLedger = pgTable(
  'op_ledger',
  {
    opId: uuid('op_id').primaryKey(),
    tenantId: tenantId(),
    stationId: uuid('station_id').notNull(),
    stationSeq: bigint('station_seq', { mode: 'number' }).notNull(),
    opType: text('op_type').notNull(),
    userId: uuid('user_id'),
    payload: jsonb('payload').notNull(),
    outcome: opOutcome('outcome').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    result: jsonb('result'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    txid: xid8('txid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    foreignKey({ name: 'op_ledger_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenantsRef.id] }),
    foreignKey({
      name: 'op_ledger_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    check('op_ledger_rejected_has_reason', sql`(outcome = 'rejected') = (reason IS NOT NULL)`),
    index('op_ledger_station_idx').on(t.stationId, t.stationSeq),
  ],
);

export type OpLedgerRow = typeof opLedger.$inferSelect;
