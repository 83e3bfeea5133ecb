// Shared column builders for the conventions of db/migrations/0001_schema.sql. Each call returns a
// fresh builder (builders are mutable and must not be shared between tables).
import { sql } from 'drizzle-orm';
import { bigint, customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * xid8: a 64-bit transaction id (change stamps, sync cursors). node-postgres returns it as a decimal
 * string; it stays a string so that it survives JSON and never loses precision.
 */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'xid8';
  },
});

/** timestamptz (timestamp with time zone), read as a Date. */
export function timestamptz<TName extends string>(name: TName) {
  return timestamp(name, { withTimezone: true });
}

/** id uuid PRIMARY KEY DEFAULT gen_random_uuid() (stations send their own UUIDv7). */
export function id() {
  return uuid('id').primaryKey().defaultRandom();
}

/** tenant_id uuid NOT NULL (its foreign key to tenants is added by the table, see core.ts). */
export function tenantId() {
  return uuid('tenant_id').notNull();
}

export function createdAt() {
  return timestamptz('created_at').notNull().defaultNow();
}

export function updatedAt() {
  return timestamptz('updated_at').notNull().defaultNow();
}

/** row_version bigint NOT NULL DEFAULT 1, bumped by the stamp trigger on every update. */
export function rowVersion() {
  return bigint('row_version', { mode: 'number' }).notNull().default(1);
}

/** change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(): the transaction that last wrote the row. */
export function changeXid() {
  return xid8('change_xid')
    .notNull()
    .default(sql`pg_current_xact_id()`);
}

/** The leading columns of every tenant-owned table: id, tenant_id. */
export function tenantRow() {
  return { id: id(), tenantId: tenantId() };
}

/** The trailing bookkeeping columns: created_at, updated_at, row_version, change_xid. */
export function stamps() {
  return { createdAt: createdAt(), updatedAt: updatedAt(), rowVersion: rowVersion(), changeXid: changeXid() };
}
