// Core and identity in the station's SQLite mirror: tenants, users, stations (audit_logs stays on the
// server). Also the shared column builders of every mirrored table.
//
// The mirror's storage contract (the sync engine converts values accordingly): uuid, text, enums,
// date and timestamptz are TEXT; jsonb is JSON text; numeric is REAL; integer, bigint and xid8 are
// INTEGER; boolean is INTEGER 0/1. Same table and column names as PostgreSQL, NOT NULL exactly as
// there, and nothing else: no foreign keys, defaults or checks, since only the sync engine writes
// the mirror and the server enforces the rules.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TenantSettings } from '../pg/tenants.ts';
import { userRole } from '../pg/enums.ts';

/** id: the primary key, the server's uuid as text. */
export function id() {
  return text('id').primaryKey();
}

/** The leading columns of every tenant-owned table: id, tenant_id. */
export function tenantRow() {
  return { id: id(), tenantId: text('tenant_id').notNull() };
}

/** The trailing bookkeeping columns: created_at, updated_at, row_version, change_xid. */
export function stamps() {
  return {
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    rowVersion: integer('row_version').notNull(),
    changeXid: integer('change_xid').notNull(),
  };
}

export const tenants = sqliteTable('tenants', {
  id: id(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  settings: text('settings', { mode: 'json' }).$type<TenantSettings>().notNull(),
  ...stamps(),
});

export const users = sqliteTable(
  'users',
  {
    ...tenantRow(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: userRole.enumValues }).notNull(),
    passwordHash: text('password_hash').notNull(),
    badgeCode: text('badge_code'),
    siteId: text('site_id'),
    isActive: integer('is_active', { mode: 'boolean' }).notNull(),
    ...stamps(),
  },
  (t) => [
    index('users_email_idx').on(t.email),
    index('users_badge_code_idx').on(t.badgeCode),
    // The site's technicians and their wallets (sync scope, counter lookups).
    index('users_site_idx').on(t.siteId),
  ],
);

export const stations = sqliteTable('stations', {
  ...tenantRow(),
  siteId: text('site_id').notNull(),
  name: text('name').notNull(),
  roleName: text('role_name').notNull(),
  enrolledAt: text('enrolled_at').notNull(),
  revokedAt: text('revoked_at'),
  lastSeenAt: text('last_seen_at'),
  ...stamps(),
  gatePassPrefix: text('gate_pass_prefix').notNull(),
});

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Station = typeof stations.$inferSelect;
export type NewStation = typeof stations.$inferInsert;
