// Core and identity: users, stations, audit_logs (the tenant itself is in tenants.ts).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, stamps, tenantId, tenantRow, timestamptz, xid8 } from './columns.ts';
import { auditAction, userRole } from './enums.ts';
import { locations } from './registry.ts';
import { tenantForeignKey, tenantOwned, tenants } from './tenants.ts';

/** audit_logs.changes: {after} for inserts, {before} for deletes, the changed columns of both for updates. */
export interface AuditChanges {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  [key: string]: unknown;
}

export const users = pgTable(
  'users',
  {
    ...tenantRow(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    role: userRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    badgeCode: text('badge_code'),
    siteId: uuid('site_id'),
    isActive: boolean('is_active').notNull().default(true),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('users', t),
    foreignKey({
      name: 'users_site_fk',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check('users_email_format', sql`email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' AND email = lower(email)`),
    check('users_full_name_not_blank', sql`btrim(full_name) <> ''`),
    check('users_password_hash_scrypt', sql`password_hash ~ '^scrypt\\$'`),
    check('users_badge_code_format', sql`badge_code IS NULL OR badge_code ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'`),
    uniqueIndex('users_email_key').on(t.tenantId, t.email),
    uniqueIndex('users_badge_code_key')
      .on(t.tenantId, t.badgeCode)
      .where(sql`badge_code IS NOT NULL`),
    index('users_site_idx').on(t.tenantId, t.siteId),
  ],
);

export const stations = pgTable(
  'stations',
  {
    ...tenantRow(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    roleName: text('role_name').notNull(),
    enrolledAt: timestamptz('enrolled_at').notNull().defaultNow(),
    revokedAt: timestamptz('revoked_at'),
    lastSeenAt: timestamptz('last_seen_at'),
    ...stamps(),
    /** GP-<prefix>-<number>: set at enrolment (a trigger), unique in the tenant, never changes (0013). */
    gatePassPrefix: text('gate_pass_prefix').notNull(),
  },
  (t) => [
    ...tenantOwned('stations', t),
    unique('stations_role_name_key').on(t.roleName),
    unique('stations_gate_pass_prefix_key').on(t.tenantId, t.gatePassPrefix),
    check('stations_gate_pass_prefix_format', sql`gate_pass_prefix ~ '^[A-Z0-9]{2,8}$'`),
    foreignKey({
      name: 'stations_site_fk',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check('stations_role_name_format', sql`role_name ~ '^amms_st_[a-z0-9_]{4,50}$'`),
    check('stations_name_not_blank', sql`btrim(name) <> ''`),
  ],
);

/** Append-only; written by the database's audit triggers, never by the application. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    userId: uuid('user_id'),
    stationId: uuid('station_id'),
    dbRole: text('db_role')
      .notNull()
      .default(sql`session_user`),
    action: auditAction('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    changes: jsonb('changes').$type<AuditChanges>().notNull(),
    txid: xid8('txid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    createdAt: createdAt(),
  },
  (t) => [
    tenantForeignKey('audit_logs', t.tenantId),
    foreignKey({
      name: 'audit_logs_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'audit_logs_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    check('audit_logs_changes_is_object', sql`jsonb_typeof(changes) = 'object'`),
    index('audit_logs_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    index('audit_logs_created_idx').on(t.tenantId, t.createdAt),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Station = typeof stations.$inferSelect;
export type NewStation = typeof stations.$inferInsert;
export type AuditLog = typeof auditLogs.$inferSelect;
