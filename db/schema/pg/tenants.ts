// The tenant (client organisation) and what every tenant-owned table carries: the foreign key to
// tenants, the UNIQUE (tenant_id, id) that composite foreign keys point at, and the sync index.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  unique,
  type AnyPgColumn,
  type ForeignKeyBuilder,
  type IndexBuilder,
  type UniqueConstraintBuilder,
} from 'drizzle-orm/pg-core';
import { id, stamps } from './columns.ts';

/** tenants.settings; "agile_mode" is the Agile Mode toggle. */
export interface TenantSettings {
  agile_mode?: boolean;
  [key: string]: unknown;
}

export const tenants = pgTable(
  'tenants',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings')
      .$type<TenantSettings>()
      .notNull()
      .default(sql`'{"agile_mode": false}'::jsonb`),
    ...stamps(),
  },
  (t) => [
    unique('tenants_slug_key').on(t.slug),
    check('tenants_slug_format', sql`slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('tenants_name_not_blank', sql`btrim(name) <> ''`),
    check('tenants_settings_is_object', sql`jsonb_typeof(settings) = 'object'`),
    check(
      'tenants_settings_agile_mode_boolean',
      sql`NOT settings ? 'agile_mode' OR jsonb_typeof(settings -> 'agile_mode') = 'boolean'`,
    ),
  ],
);

/** tenant_id REFERENCES tenants (id), under PostgreSQL's default name for an inline foreign key. */
export function tenantForeignKey(table: string, tenantIdColumn: AnyPgColumn): ForeignKeyBuilder {
  return foreignKey({
    name: `${table}_tenant_id_fkey`,
    columns: [tenantIdColumn],
    foreignColumns: [tenants.id],
  });
}

/**
 * What every tenant-owned table carries besides its columns: the foreign key to tenants, the
 * UNIQUE (tenant_id, id) that composite foreign keys point at, and the sync pull index
 * (tenant_id, change_xid).
 */
export function tenantOwned(
  table: string,
  t: { id: AnyPgColumn; tenantId: AnyPgColumn; changeXid: AnyPgColumn },
): [ForeignKeyBuilder, UniqueConstraintBuilder, IndexBuilder] {
  return [
    tenantForeignKey(table, t.tenantId),
    unique(`${table}_tenant_id_id_key`).on(t.tenantId, t.id),
    index(`${table}_change_idx`).on(t.tenantId, t.changeXid),
  ];
}
