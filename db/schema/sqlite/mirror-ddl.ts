// DDL of the station's SQLite mirror, built from the Drizzle definitions. Tables and indexes are
// separate so that the station can create the tables, bulk-load the first sync, then index.
// Anything the mirror must not carry (foreign keys, checks, defaults, unique constraints, generated
// columns, partial or expression indexes) is refused rather than silently dropped.
import { is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/** A double-quoted SQLite identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const storageTypes: Readonly<Record<string, string>> = { text: 'TEXT', real: 'REAL', integer: 'INTEGER' };

function storageType(where: string, sqlType: string): string {
  const type = storageTypes[sqlType];
  if (type === undefined) throw new Error(`${where}: ${sqlType} is not a mirror storage type`);
  return type;
}

function refuse(table: string, what: string): never {
  throw new Error(`${table}: the mirror carries no ${what}`);
}

/** CREATE TABLE IF NOT EXISTS with the table's columns, storage types, NOT NULL and primary key. */
export function mirrorTableDdl(table: SQLiteTable): string {
  const config = getTableConfig(table);
  const name = config.name;
  if (config.foreignKeys.length > 0) refuse(name, 'foreign keys');
  if (config.checks.length > 0) refuse(name, 'check constraints');
  if (config.uniqueConstraints.length > 0) refuse(name, 'unique constraints');

  const definitions = config.columns.map((column) => {
    if (column.hasDefault) refuse(`${name}.${column.name}`, 'defaults');
    if (column.isUnique) refuse(`${name}.${column.name}`, 'unique constraints');
    if (column.generated !== undefined) refuse(`${name}.${column.name}`, 'generated columns');
    const parts = [quoteIdentifier(column.name), storageType(`${name}.${column.name}`, column.getSQLType())];
    if (column.notNull) parts.push('NOT NULL');
    if (column.primary) parts.push('PRIMARY KEY');
    return parts.join(' ');
  });
  for (const primaryKey of config.primaryKeys) {
    definitions.push(`PRIMARY KEY (${primaryKey.columns.map((c) => quoteIdentifier(c.name)).join(', ')})`);
  }
  const primaryKeys = config.columns.filter((c) => c.primary).length + config.primaryKeys.length;
  if (primaryKeys !== 1) throw new Error(`${name}: a mirrored table has exactly one primary key`);

  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(name)} (\n  ${definitions.join(',\n  ')}\n)`;
}

/** CREATE INDEX IF NOT EXISTS for each index of the table, in definition order. */
export function mirrorIndexDdl(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  return config.indexes.map(({ config: index }) => {
    if (index.where !== undefined) refuse(`${config.name}.${index.name}`, 'partial indexes');
    const columns = index.columns.map((column) => {
      if (is(column, SQL)) return refuse(`${config.name}.${index.name}`, 'expression indexes');
      return quoteIdentifier(column.name);
    });
    return (
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdentifier(index.name)}` +
      ` ON ${quoteIdentifier(config.name)} (${columns.join(', ')})`
    );
  });
}
