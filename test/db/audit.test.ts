// The audit trail, change stamps and tombstones (0003), written by the database itself.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultPasswordHash,
  expectPgError,
  insertAsset,
  insertAssetIdentity,
  insertAssetMeter,
  insertBaseFixture,
  insertPart,
  insertTenant,
  insertUser,
  type BaseFixture,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const INSUFFICIENT_PRIVILEGE = '42501';

let db: TestDatabase;
let c: pg.Client;
let f: BaseFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  c = new pg.Client({ connectionString: db.url });
  await c.connect();
  f = await insertBaseFixture(c);
});
afterAll(async () => {
  await c.end();
  await db.drop();
});

interface AuditRow {
  id: string;
  tenant_id: string;
  user_id: string | null;
  station_id: string | null;
  db_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  txid: string;
}

async function auditOf(entityIds: string | string[]): Promise<AuditRow[]> {
  const ids = Array.isArray(entityIds) ? entityIds : [entityIds];
  const { rows } = await c.query<AuditRow>(
    `SELECT id::text, tenant_id, user_id, station_id, db_role, action::text, entity_type, entity_id, changes,
            txid::text
       FROM audit_logs WHERE entity_id = ANY ($1::uuid[]) ORDER BY id`,
    [ids],
  );
  return rows;
}

async function auditCount(): Promise<number> {
  const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_logs');
  return rows[0]?.n ?? -1;
}

/** Runs fn in a transaction on the shared client; rolls back if it throws. */
async function inTransaction<T>(fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const result = await fn();
    await c.query('COMMIT');
    return result;
  } catch (error) {
    await c.query('ROLLBACK');
    throw error;
  }
}

async function currentXid(): Promise<string> {
  const { rows } = await c.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const xid = rows[0]?.xid;
  if (!xid) throw new Error('no transaction id');
  return xid;
}

/** Timestamps as microseconds since the epoch (a JS Date would lose the microseconds). */
interface Stamps {
  created_us: string;
  updated_us: string;
  row_version: string;
  change_xid: string;
}

async function stampsOf(table: string, id: string): Promise<Stamps> {
  const { rows } = await c.query<Stamps>(
    `SELECT (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us,
            (extract(epoch FROM updated_at) * 1000000)::bigint::text AS updated_us,
            row_version::text, change_xid::text
       FROM ${table} WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`no ${table} row ${id}`);
  return row;
}

describe('audit trail', () => {
  it('records an insert with the whole new row under "after", without bookkeeping columns', async () => {
    const partId = await insertPart(c, f.tenantId, { sku: 'AUD-INS-1', name: 'Oil filter', min_level: 4 });
    const audit = await auditOf(partId);
    expect(audit).toHaveLength(1);
    const row = audit[0];
    expect(row).toMatchObject({
      tenant_id: f.tenantId,
      user_id: null,
      station_id: null,
      action: 'insert',
      entity_type: 'parts',
      entity_id: partId,
    });
    expect(Object.keys(row?.changes ?? {})).toEqual(['after']);
    expect(row?.changes.after).toMatchObject({
      id: partId,
      tenant_id: f.tenantId,
      sku: 'AUD-INS-1',
      name: 'Oil filter',
      min_level: 4,
      unit: 'piece',
    });
    for (const bookkeeping of ['change_xid', 'row_version', 'updated_at']) {
      expect(row?.changes.after).not.toHaveProperty(bookkeeping);
    }
    expect(row?.changes.after).toHaveProperty('created_at');
  });

  it('records an update with only the changed columns, before and after', async () => {
    const partId = await insertPart(c, f.tenantId, { name: 'Air filter', min_level: 2 });
    await c.query(
      `UPDATE parts SET name = 'Air filter (heavy duty)', min_level = 3, category = NULL WHERE id = $1`,
      [partId],
    );
    const audit = await auditOf(partId);
    expect(audit.map((r) => r.action)).toEqual(['insert', 'update']);
    expect(audit[1]).toMatchObject({ tenant_id: f.tenantId, entity_type: 'parts', entity_id: partId });
    expect(audit[1]?.changes).toEqual({
      before: { name: 'Air filter', min_level: 2 },
      after: { name: 'Air filter (heavy duty)', min_level: 3 },
    });
  });

  it('writes no audit row for an update that changes nothing but bookkeeping', async () => {
    const partId = await insertPart(c, f.tenantId);
    await c.query('UPDATE parts SET name = name, sku = sku WHERE id = $1', [partId]);
    await c.query(`UPDATE parts SET created_at = '2000-01-01' WHERE id = $1`, [partId]);
    expect((await auditOf(partId)).map((r) => r.action)).toEqual(['insert']);
    expect((await stampsOf('parts', partId)).row_version).toBe('3');
  });

  it('records a delete with the whole old row under "before"', async () => {
    const partId = await insertPart(c, f.tenantId, { sku: 'AUD-DEL-1' });
    await c.query('DELETE FROM parts WHERE id = $1', [partId]);
    const audit = await auditOf(partId);
    expect(audit.map((r) => r.action)).toEqual(['insert', 'delete']);
    expect(audit[1]).toMatchObject({ tenant_id: f.tenantId, entity_type: 'parts', entity_id: partId });
    expect(Object.keys(audit[1]?.changes ?? {})).toEqual(['before']);
    expect(audit[1]?.changes.before).toMatchObject({ id: partId, sku: 'AUD-DEL-1', tenant_id: f.tenantId });
    expect(audit[1]?.changes.before).not.toHaveProperty('row_version');
  });

  it('writes one audit row per row of a multi-row statement', async () => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO parts (tenant_id, sku, name)
       SELECT $1, 'AUD-MULTI-' || n, 'Bulk part ' || n FROM generate_series(1, 3) n RETURNING id`,
      [f.tenantId],
    );
    const ids = rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    await c.query(`UPDATE parts SET min_level = 7 WHERE id = ANY ($1::uuid[])`, [ids]);
    await c.query(`DELETE FROM parts WHERE id = ANY ($1::uuid[])`, [ids]);
    const audit = await auditOf(ids);
    for (const action of ['insert', 'update', 'delete']) {
      const ofAction = audit.filter((r) => r.action === action);
      expect(ofAction.map((r) => r.entity_id).sort()).toEqual([...ids].sort());
      // One statement, one transaction: all its rows share the txid.
      expect(new Set(ofAction.map((r) => r.txid)).size).toBe(1);
    }
    expect(audit.filter((r) => r.action === 'update').map((r) => r.changes)).toEqual([
      { before: { min_level: 0 }, after: { min_level: 7 } },
      { before: { min_level: 0 }, after: { min_level: 7 } },
      { before: { min_level: 0 }, after: { min_level: 7 } },
    ]);
  });

  it('records a tenant under its own id', async () => {
    const tenantId = await insertTenant(c, { name: 'Audited tenant' });
    await c.query(`UPDATE tenants SET settings = '{"agile_mode": true}' WHERE id = $1`, [tenantId]);
    const audit = await auditOf(tenantId);
    expect(audit.map((r) => [r.action, r.entity_type, r.tenant_id])).toEqual([
      ['insert', 'tenants', tenantId],
      ['update', 'tenants', tenantId],
    ]);
    expect(audit[1]?.changes).toEqual({
      before: { settings: { agile_mode: false } },
      after: { settings: { agile_mode: true } },
    });
  });

  it('redacts password hashes', async () => {
    const hash = await defaultPasswordHash();
    const userId = await insertUser(c, f.tenantId, 'technician', { full_name: 'Ada Tech' });
    await c.query(`UPDATE users SET full_name = 'Ada Technician' WHERE id = $1`, [userId]);
    await c.query('DELETE FROM users WHERE id = $1', [userId]);
    const audit = await auditOf(userId);
    expect(audit.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
    expect(audit[0]?.changes.after?.password_hash).toBe('[redacted]');
    expect(audit[1]?.changes).toEqual({
      before: { full_name: 'Ada Tech' },
      after: { full_name: 'Ada Technician' },
    });
    expect(audit[2]?.changes.before?.password_hash).toBe('[redacted]');
    expect(JSON.stringify(audit)).not.toContain(hash);
    expect(JSON.stringify(audit)).not.toContain('scrypt$');
  });

  it('records a password change, with both hashes redacted', async () => {
    const userId = await insertUser(c, f.tenantId, 'storekeeper');
    const newHash = `scrypt$15$8$1$${'A'.repeat(22)}$${'B'.repeat(43)}`;
    await c.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, newHash]);
    const audit = await auditOf(userId);
    expect(audit.map((r) => r.action)).toEqual(['insert', 'update']);
    expect(audit[1]?.changes).toEqual({
      before: { password_hash: '[redacted]' },
      after: { password_hash: '[redacted]' },
    });
    expect(JSON.stringify(audit)).not.toContain(newHash);
  });

  it('takes the acting user from the transaction setting amms.user_id', async () => {
    const partId = await inTransaction(async () => {
      await c.query(`SELECT set_config('amms.user_id', $1, true)`, [f.storekeeperId]);
      const id = await insertPart(c, f.tenantId);
      await c.query(`UPDATE parts SET name = 'Renamed by the storekeeper' WHERE id = $1`, [id]);
      return id;
    });
    // The setting was local to that transaction: the next write has no acting user.
    await c.query(`UPDATE parts SET name = 'Renamed by nobody' WHERE id = $1`, [partId]);
    const audit = await auditOf(partId);
    expect(audit.map((r) => [r.action, r.user_id])).toEqual([
      ['insert', f.storekeeperId],
      ['update', f.storekeeperId],
      ['update', null],
    ]);
    expect(audit.every((r) => r.db_role === 'postgres')).toBe(true);
  });

  it('is append-only, even for the superuser', async () => {
    const partId = await insertPart(c, f.tenantId);
    const [row] = await auditOf(partId);
    expect(row).toBeDefined();
    const before = await auditCount();
    for (const [sql, params] of [
      [`UPDATE audit_logs SET entity_type = 'forged' WHERE id = $1`, [row?.id]],
      [`UPDATE audit_logs SET changes = '{}'`, []],
      ['DELETE FROM audit_logs WHERE id = $1', [row?.id]],
      ['DELETE FROM audit_logs', []],
      ['TRUNCATE audit_logs', []],
    ] as [string, unknown[]][]) {
      const error = await expectPgError(c.query(sql, params), INSUFFICIENT_PRIVILEGE);
      expect(error.message).toContain('append-only');
    }
    expect(await auditCount()).toBe(before);
    expect(await auditOf(partId)).toEqual([row]);
  });

  it('skips row audit for the superuser under SET LOCAL amms.bulk_load = on', async () => {
    const before = await auditCount();
    const partId = await inTransaction(async () => {
      await c.query(`SET LOCAL amms.bulk_load = 'on'`);
      const id = await insertPart(c, f.tenantId);
      await c.query(`UPDATE parts SET name = 'Bulk loaded' WHERE id = $1`, [id]);
      return id;
    });
    expect(await auditCount()).toBe(before);
    // SET LOCAL ended with the transaction: row audit is back.
    await c.query(`UPDATE parts SET name = 'Edited after the load' WHERE id = $1`, [partId]);
    expect((await auditOf(partId)).map((r) => r.action)).toEqual(['update']);
  });

  it('audits normally when amms.bulk_load is anything but on', async () => {
    const partId = await inTransaction(async () => {
      await c.query(`SET LOCAL amms.bulk_load = 'off'`);
      return insertPart(c, f.tenantId);
    });
    expect((await auditOf(partId)).map((r) => r.action)).toEqual(['insert']);
  });
});

describe('change stamps', () => {
  it('sets change_xid to the writing transaction and row_version to 1 on insert', async () => {
    const { partId, xid } = await inTransaction(async () => ({
      partId: await insertPart(c, f.tenantId, { row_version: 42 }),
      xid: await currentXid(),
    }));
    const stamps = await stampsOf('parts', partId);
    expect(stamps.change_xid).toBe(xid);
    expect(stamps.row_version).toBe('1');
    expect(stamps.updated_us).toBe(stamps.created_us);
    const [audit] = await auditOf(partId);
    expect(audit?.txid).toBe(xid);
  });

  it('moves change_xid, row_version and updated_at on every update and keeps created_at', async () => {
    const partId = await insertPart(c, f.tenantId);
    const first = await stampsOf('parts', partId);
    let previous = first;
    for (let version = 2; version <= 4; version++) {
      const xid = await inTransaction(async () => {
        await c.query(
          `UPDATE parts SET name = $2, created_at = '1999-12-31', row_version = 1000, change_xid = '1'
            WHERE id = $1`,
          [partId, `Version ${version}`],
        );
        return currentXid();
      });
      const stamps = await stampsOf('parts', partId);
      expect(stamps.row_version).toBe(String(version));
      expect(stamps.change_xid).toBe(xid);
      expect(stamps.change_xid).not.toBe(previous.change_xid);
      expect(BigInt(stamps.updated_us)).toBeGreaterThan(BigInt(previous.updated_us));
      expect(stamps.created_us).toBe(first.created_us);
      previous = stamps;
    }
  });

  it('stamps rows of every kind, including those changed by a cascade', async () => {
    const assetId = await insertAsset(c, f.tenantId, f.buildingId);
    const identityId = await insertAssetIdentity(c, f.tenantId, assetId);
    const xid = await inTransaction(async () => {
      await c.query(`UPDATE assets SET name = 'Stamped' WHERE id = $1`, [assetId]);
      await c.query(`UPDATE asset_identities SET qr_token = 'qr_stamped_0123456789' WHERE id = $1`, [
        identityId,
      ]);
      return currentXid();
    });
    expect((await stampsOf('assets', assetId)).change_xid).toBe(xid);
    expect((await stampsOf('asset_identities', identityId)).change_xid).toBe(xid);
  });
});

describe('tombstones', () => {
  interface Tombstone {
    tenant_id: string;
    table_name: string;
    row_id: string;
    change_xid: string;
  }

  async function tombstonesOf(ids: string[]): Promise<Tombstone[]> {
    const { rows } = await c.query<Tombstone>(
      `SELECT tenant_id, table_name, row_id, change_xid::text FROM sync_tombstones
        WHERE row_id = ANY ($1::uuid[]) ORDER BY table_name, row_id`,
      [ids],
    );
    return rows;
  }

  it('leaves a tombstone for a deleted row, stamped with the deleting transaction', async () => {
    const partId = await insertPart(c, f.tenantId);
    expect(await tombstonesOf([partId])).toEqual([]);
    const xid = await inTransaction(async () => {
      await c.query('DELETE FROM parts WHERE id = $1', [partId]);
      return currentXid();
    });
    expect(await tombstonesOf([partId])).toEqual([
      { tenant_id: f.tenantId, table_name: 'parts', row_id: partId, change_xid: xid },
    ]);
  });

  it('leaves tombstones for rows deleted by a cascade, and audits them', async () => {
    const assetId = await insertAsset(c, f.tenantId, f.buildingId);
    const identityId = await insertAssetIdentity(c, f.tenantId, assetId);
    const meterId = await insertAssetMeter(c, f.tenantId, assetId);
    await c.query('DELETE FROM assets WHERE id = $1', [assetId]);
    const tombstones = await tombstonesOf([assetId, identityId, meterId]);
    expect(tombstones.map((t) => [t.table_name, t.row_id, t.tenant_id])).toEqual([
      ['asset_identities', identityId, f.tenantId],
      ['asset_meters', meterId, f.tenantId],
      ['assets', assetId, f.tenantId],
    ]);
    const deletes = (await auditOf([assetId, identityId, meterId])).filter((r) => r.action === 'delete');
    expect(deletes.map((r) => r.entity_type).sort()).toEqual(['asset_identities', 'asset_meters', 'assets']);
  });

  it('leaves one tombstone per row of a multi-row delete', async () => {
    const ids = [
      await insertPart(c, f.tenantId),
      await insertPart(c, f.tenantId),
      await insertPart(c, f.tenantId),
    ];
    await c.query('DELETE FROM parts WHERE id = ANY ($1::uuid[])', [ids]);
    const tombstones = await tombstonesOf(ids);
    expect(tombstones.map((t) => t.row_id).sort()).toEqual([...ids].sort());
    expect(tombstones.every((t) => t.table_name === 'parts' && t.tenant_id === f.tenantId)).toBe(true);
  });
});
