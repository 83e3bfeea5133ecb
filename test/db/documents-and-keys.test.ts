// Station signing keys and issued documents on the real PostgreSQL (migration 0017 and the function
// files amms_register_station_key, op_document_issue), as stations' own login roles: enrolment
// registers the key; a station without one registers its own, once, and only its own; revoking a
// station revokes its keys; document.issue through amms_push stores the PDF once, hash-checked,
// numbers prints (the original once, then COPY n with a reason), converges two stations printing
// "the original" offline, never issues a cancelled shipment's gate pass, sets the manifest's
// manifest_pdf_url, keeps the hash (not the bytes) in the ledger, and is audited.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollStation, revokeStation } from '../../db/admin/enroll-station.ts';
import { generateSigningKey, readSigningKeyFile } from '../../db/admin/signing-key-file.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { insertShipment, insertSite, insertUser, pgErrorOf } from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, dropTestRole, type TwoTenants } from '../helpers/two-tenants.ts';

type Json = Record<string, unknown>;

interface PushResult {
  outcome: 'applied' | 'rejected';
  code: string | null;
  reason: string | null;
  result: Json | null;
}

interface Enrolled {
  id: string;
  role: string;
  keyId: string;
  publicKey: string;
  client: pg.Client;
}

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
let gate: Enrolled;
let gate2: Enrolled;
let clerk: string;
let keeper: string;
let destination: string;
let seq = 0;
const dirs: string[] = [];

async function enrol(name: string): Promise<Enrolled> {
  const dir = mkdtempSync(join(tmpdir(), 'amms-keys-'));
  dirs.push(dir);
  await enrollStation({ adminUrl: db.url, tenantSlug: fx.a.slug, siteCode: fx.a.siteCode, dir, name });
  const file = readStationFile(dir);
  const key = readSigningKeyFile(dir);
  if (!key) throw new Error('enrolment wrote no signing key');
  const client = new pg.Client({ connectionString: stationConnectionString(file) });
  await client.connect();
  return { id: file.stationId, role: file.database.user, keyId: key.keyId, publicKey: key.publicKey, client };
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
  gate = await enrol('Gate 1');
  gate2 = await enrol('Gate 2');
  clerk = await insertUser(su, fx.a.tenantId, 'logistics_clerk', {
    site_id: fx.a.siteId,
    full_name: 'Winnie Njeri',
  });
  keeper = await insertUser(su, fx.a.tenantId, 'storekeeper', { site_id: fx.a.siteId });
  destination = await insertSite(su, fx.a.tenantId);
});

afterAll(async () => {
  for (const station of [gate, gate2]) await station.client.end().catch(() => undefined);
  await su.end();
  for (const station of [gate, gate2]) await dropTestRole(db.url, station.role);
  await fx.cleanup();
  await db.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function push(client: pg.Client, type: string, userId: string, payload: Json): Promise<PushResult> {
  seq += 1;
  const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push(1, $1::jsonb) AS r', [
    JSON.stringify({ op_id: randomUUID(), type, user_id: userId, seq, payload }),
  ]);
  return rows[0]?.r as PushResult;
}

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.3\n% ${text}\n%%EOF\n`);
}

function issue(
  shipmentId: string,
  kind: string,
  copy: number,
  extra: Json = {},
  content = pdf(`${kind} ${String(copy)}`),
): Json {
  return {
    document_id: randomUUID(),
    kind,
    shipment_id: shipmentId,
    copy_number: copy,
    sha256: createHash('sha256').update(content).digest('hex'),
    pages: 1,
    content: content.toString('base64'),
    issued_at: '2026-03-14T10:00:00Z',
    ...(kind === 'gate_pass' ? { qr_payload: `GP1:${'A'.repeat(200)}`, key_id: gate.keyId } : {}),
    ...extra,
  };
}

async function shipment(fields: Json = {}): Promise<{ id: string; ref: string }> {
  const id = await insertShipment(su, fx.a.tenantId, fx.a.siteId, destination, fields);
  const ref = (
    await su.query<{ gate_pass_ref: string }>('SELECT gate_pass_ref FROM shipments WHERE id = $1', [id])
  ).rows[0]?.gate_pass_ref as string;
  return { id, ref };
}

describe('station signing keys', () => {
  it('are registered at enrolment, and every station of the tenant (only) reads them', async () => {
    const { rows } = await gate2.client.query<{ key_id: string; station_name: string }>(
      'SELECT key_id, station_name FROM station_keys WHERE station_id = $1',
      [gate.id],
    );
    expect(rows).toEqual([{ key_id: gate.keyId, station_name: 'Gate 1' }]);
    const other = new pg.Client({ connectionString: fx.b.station.url });
    await other.connect();
    try {
      expect((await other.query('SELECT 1 FROM station_keys WHERE key_id = $1', [gate.keyId])).rowCount).toBe(
        0,
      );
      const err = await pgErrorOf(
        other.query(
          `INSERT INTO station_keys (tenant_id, station_id, site_id, station_name, key_id, public_key)
                     VALUES ($1, $2, $3, 'x', $4, $5)`,
          [fx.a.tenantId, gate.id, fx.a.siteId, '0'.repeat(16), gate.publicKey],
        ),
      );
      expect(err.code).toBe('42501');
    } finally {
      await other.end();
    }
  });

  it('are registered by a station that has none, once, for itself only', async () => {
    // A station enrolled before keys existed: its row goes, the station registers the key it made.
    await su.query('DELETE FROM station_keys WHERE station_id = $1', [gate2.id]);
    const fresh = generateSigningKey();
    const register = (key: { keyId: string; publicKey: string }) =>
      gate2.client.query<{ r: Json }>('SELECT amms_register_station_key(1, $1::jsonb) AS r', [
        JSON.stringify({ key_id: key.keyId, public_key: key.publicKey, algorithm: 'ed25519' }),
      ]);
    expect((await register(fresh)).rows[0]?.r).toEqual({
      registered: true,
      key_id: fresh.keyId,
      revoked: false,
    });
    expect((await register(fresh)).rows[0]?.r).toEqual({
      registered: false,
      key_id: fresh.keyId,
      revoked: false,
    });
    const audit = await su.query<{ station_id: string }>(
      `SELECT station_id FROM audit_logs WHERE entity_type = 'station_keys' AND action = 'insert' AND changes -> 'after' ->> 'key_id' = $1`,
      [fresh.keyId],
    );
    expect(audit.rows).toEqual([{ station_id: gate2.id }]);
    // A second key while one is active: an administrator must revoke the first.
    const err = await pgErrorOf(register(generateSigningKey()));
    expect(err.message).toMatch(/already has a signing key/);
    // A key id that is not the key's own.
    await su.query('UPDATE station_keys SET revoked_at = now() WHERE key_id = $1', [fresh.keyId]);
    const forged = { keyId: '0123456789abcdef', publicKey: generateSigningKey().publicKey };
    expect((await pgErrorOf(register(forged))).constraint).toBe('station_keys_key_id_derived');
    // Another station's key id.
    expect((await pgErrorOf(register({ keyId: gate.keyId, publicKey: fresh.publicKey }))).message).toMatch(
      /taken/,
    );
    const keys = await su.query('SELECT 1 FROM station_keys WHERE station_id = $1', [gate2.id]);
    expect(keys.rowCount).toBe(1);
    // Back to a working key for the tests below.
    const next = generateSigningKey();
    await register(next);
    gate2.keyId = next.keyId;
  });

  it("cannot change a key's material, and stay revoked", async () => {
    const err = await pgErrorOf(
      su.query('UPDATE station_keys SET public_key = $1 WHERE key_id = $2', [
        generateSigningKey().publicKey,
        gate.keyId,
      ]),
    );
    expect(err.constraint).toBe('station_keys_key_id_derived');
  });
});

describe('document.issue', () => {
  it('stores the original gate pass once, hash-checked, audited, with the hash in the ledger', async () => {
    const s = await shipment({ status: 'loading' });
    const payload = issue(s.id, 'gate_pass', 0);
    const result = await push(gate.client, 'document.issue', clerk, payload);
    expect(result.outcome).toBe('applied');
    expect(result.result).toMatchObject({
      copy_number: 0,
      url: `amms:document/${String(payload.document_id)}?sha256=${String(payload.sha256)}`,
    });
    const blob = await su.query<{ byte_size: number }>(
      'SELECT byte_size FROM document_blobs WHERE sha256 = $1',
      [payload.sha256],
    );
    expect(blob.rows).toEqual([{ byte_size: Buffer.from(String(payload.content), 'base64').length }]);
    const ledger = await su.query<{ payload: Json }>(
      `SELECT payload FROM op_ledger WHERE payload ->> 'document_id' = $1`,
      [payload.document_id],
    );
    expect(ledger.rows[0]?.payload).not.toHaveProperty('content');
    expect(ledger.rows[0]?.payload.content_stored_as).toBe(result.result?.url);
    const audit = await su.query<{ user_id: string; station_id: string }>(
      `SELECT user_id, station_id FROM audit_logs WHERE entity_type = 'issued_documents' AND entity_id = $1`,
      [payload.document_id],
    );
    expect(audit.rows).toEqual([{ user_id: clerk, station_id: gate.id }]);
    // The station reads the print back (mirrored); it cannot write one itself.
    const seen = await gate.client.query('SELECT copy_number FROM issued_documents WHERE id = $1', [
      payload.document_id,
    ]);
    expect(seen.rows).toEqual([{ copy_number: 0 }]);
  });

  it('numbers reprints COPY 1, 2 ... each with a reason, and refuses a second original with who printed it', async () => {
    const s = await shipment();
    expect((await push(gate.client, 'document.issue', clerk, issue(s.id, 'manifest', 0))).outcome).toBe(
      'applied',
    );
    // Station 2 printed "the original" offline too: it converges on one, with a readable reason.
    const second = await push(gate2.client, 'document.issue', clerk, issue(s.id, 'manifest', 0));
    expect(second).toMatchObject({ outcome: 'rejected', code: 'copy_number_taken' });
    expect(second.reason).toBe(
      `${s.ref}'s manifest was already printed as the original by Winnie Njeri at Gate 1; this print should have said COPY 1. Print it again.`,
    );
    const noReason = await push(gate.client, 'document.issue', clerk, issue(s.id, 'manifest', 1));
    expect(noReason).toMatchObject({ outcome: 'rejected', code: 'missing_reason' });
    const copy1 = await push(
      gate.client,
      'document.issue',
      clerk,
      issue(s.id, 'manifest', 1, { reason: 'Driver lost it' }),
    );
    expect(copy1.outcome).toBe('applied');
    const copy3 = await push(
      gate.client,
      'document.issue',
      clerk,
      issue(s.id, 'manifest', 3, { reason: 'skipping' }),
    );
    expect(copy3).toMatchObject({ outcome: 'rejected', code: 'copy_number_taken' });
    const rows = await su.query<{ copy_number: number; reason: string | null }>(
      `SELECT copy_number, reason FROM issued_documents WHERE shipment_id = $1 ORDER BY copy_number`,
      [s.id],
    );
    expect(rows.rows).toEqual([
      { copy_number: 0, reason: null },
      { copy_number: 1, reason: 'Driver lost it' },
    ]);
    const url = await su.query<{ manifest_pdf_url: string }>(
      'SELECT manifest_pdf_url FROM shipments WHERE id = $1',
      [s.id],
    );
    expect(url.rows[0]?.manifest_pdf_url).toMatch(/^amms:document\/[0-9a-f-]{36}\?sha256=[0-9a-f]{64}$/);
  });

  it("never issues a cancelled shipment's gate pass", async () => {
    const s = await shipment({ status: 'cancelled', cancelled_at: '2026-03-14T09:00:00Z' });
    const result = await push(gate.client, 'document.issue', clerk, issue(s.id, 'gate_pass', 0));
    expect(result).toMatchObject({ outcome: 'rejected', code: 'shipment_cancelled' });
    expect(result.reason).toBe(`${s.ref} is cancelled: its gate pass cannot be printed as valid.`);
  });

  it("refuses damaged bytes, another station's key, and a storekeeper", async () => {
    const s = await shipment();
    const damaged = { ...issue(s.id, 'receipt', 0), content: pdf('something else').toString('base64') };
    expect(await push(gate.client, 'document.issue', clerk, damaged)).toMatchObject({
      outcome: 'rejected',
      code: 'document_hash_mismatch',
    });
    expect(await push(gate2.client, 'document.issue', clerk, issue(s.id, 'gate_pass', 0))).toMatchObject({
      outcome: 'rejected',
      code: 'unknown_signing_key',
    });
    expect(await push(gate.client, 'document.issue', keeper, issue(s.id, 'receipt', 0))).toMatchObject({
      outcome: 'rejected',
      code: 'forbidden',
    });
    expect((await su.query('SELECT 1 FROM issued_documents WHERE shipment_id = $1', [s.id])).rowCount).toBe(
      0,
    );
  });

  it('store the same bytes once when two prints carry them', async () => {
    const s = await shipment();
    const content = pdf('same bytes');
    await push(gate.client, 'document.issue', clerk, issue(s.id, 'receipt', 0, {}, content));
    await push(
      gate.client,
      'document.issue',
      clerk,
      issue(s.id, 'receipt', 1, { reason: 'for the driver' }, content),
    );
    const sha = createHash('sha256').update(content).digest('hex');
    expect((await su.query('SELECT 1 FROM document_blobs WHERE sha256 = $1', [sha])).rowCount).toBe(1);
    expect((await su.query('SELECT 1 FROM issued_documents WHERE sha256 = $1', [sha])).rowCount).toBe(2);
    // Stations read the bytes of their tenant's documents (to open a sender's manifest).
    const read = await gate2.client.query<{ content: Buffer }>(
      'SELECT content FROM document_blobs WHERE sha256 = $1',
      [sha],
    );
    expect(read.rows[0]?.content.equals(content)).toBe(true);
    expect(
      (await pgErrorOf(su.query('UPDATE issued_documents SET pages = 2 WHERE sha256 = $1', [sha]))).code,
    ).toBe('42501');
  });
});

describe('revoking a station', () => {
  it('revokes its signing keys', async () => {
    await gate2.client.end();
    await revokeStation(db.url, gate2.id);
    const { rows } = await su.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM station_keys WHERE station_id = $1 ORDER BY created_at',
      [gate2.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.revoked)).toBe(true);
  });
});
