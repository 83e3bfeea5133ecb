// `amms station print` run as a child process against a station cache filled by a real sync of the
// seeded demo data (tenant acme, site ACME-NBO), with a truck opened, loaded and dispatched on the
// station offline: the gate pass's text (pdftotext) and QR code (pdftoppm + zbarimg) checked by
// `amms station verify`; a reprint refused without --copy and a reason, then COPY 1; the manifest;
// the receipt report refused before the truck is received; --json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { pdfPages, pdfQrCodes, pdfText } from '../../../test/helpers/pdf-tools.ts';
import { runCli } from '../../../test/helpers/run-cli.ts';
import { createSyncWorld, type Station, type SyncWorld } from '../../../test/helpers/sync-harness.ts';

let world: SyncWorld;
let station: Station;
let out: string;
let clerk: string;
let ref: string;
let assetCodes: string[];

beforeAll(async () => {
  world = await createSyncWorld();
  station = await world.enroll();
  await station.syncOnce();
  const db = station.cache.reader;
  const user = db
    .prepare(
      `SELECT id, email FROM users WHERE role = 'logistics_clerk' AND is_active = 1 AND site_id = ? ORDER BY email LIMIT 1`,
    )
    .get(station.file.siteId) as { id: string; email: string };
  clerk = user.email;
  const destination = db
    .prepare(`SELECT code FROM locations WHERE type = 'site' AND id <> ? ORDER BY code LIMIT 1`)
    .pluck()
    .get(station.file.siteId) as string;
  const assets = db
    .prepare(
      `SELECT a.id, i.client_code FROM assets a JOIN asset_identities i ON i.asset_id = a.id
         JOIN locations l ON l.id = a.location_id
        WHERE l.site_id = ? AND a.parent_id IS NULL AND a.status IN ('in_service', 'available', 'standby')
          AND i.client_code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id AND m.status IN ('loaded', 'in_transit'))
        ORDER BY i.client_code LIMIT 2`,
    )
    .all(station.file.siteId) as { id: string; client_code: string }[];
  assetCodes = assets.map((a) => a.client_code);
  const id = uuidv7();
  const as = { userId: user.id };
  station.submit(
    'shipment.open',
    {
      shipment_id: id,
      destination,
      vehicle_reg: 'KDA 777Q',
      driver_name: 'Zoë Wanjirũ',
      driver_id_number: '30112233',
    },
    as,
  );
  for (const a of assets) station.submit('shipment.load', { shipment_id: id, asset_id: a.id }, as);
  station.submit('shipment.dispatch', { shipment_id: id, seals: ['KE-500001', 'KE-500002'] }, as);
  ref = db
    .prepare(
      `SELECT json_extract(data, '$.gate_pass_ref') FROM pending_effects WHERE entity = 'shipment_open' AND key = ?`,
    )
    .pluck()
    .get(id) as string;
  station.close();
  out = mkdtempSync(join(tmpdir(), 'amms-print-cli-'));
}, 300_000);

afterAll(async () => {
  await world.close();
  rmSync(out, { recursive: true, force: true });
});

function print(document: string, file: string, ...extra: string[]) {
  return runCli([
    'station',
    'print',
    document,
    '--dir',
    station.dir,
    '--shipment',
    ref.toLowerCase(),
    '--user',
    clerk,
    '--out',
    file,
    ...extra,
  ]);
}

describe('amms station print', () => {
  it('prints the gate pass: one page with the truck, and a QR code amms station verify finds genuine', async () => {
    const file = join(out, 'pass.pdf');
    const result = await print('gate-pass', file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${ref}'s gate-pass (original, 1 page) to ${file}.`);
    expect(pdfPages(file)).toBe(1);
    const text = pdfText(file);
    for (const expected of [
      ref,
      'ORIGINAL',
      'KDA 777Q',
      'Zoë Wanjirũ',
      'KE-500001, KE-500002',
      ...assetCodes,
    ]) {
      expect(text).toContain(expected);
    }
    const [code] = pdfQrCodes(file);
    expect(code).toMatch(/^GP1:/);
    const verified = await runCli(['station', 'verify', '--dir', station.dir, code ?? '', '--json']);
    expect(verified.code).toBe(0);
    const check = JSON.parse(verified.stdout) as { verdict: string; line: string };
    expect(check.verdict).toBe('genuine');
    expect(check.line).toContain(`Genuine: ${ref}, truck KDA 777Q, seals KE-500001, KE-500002`);
  }, 120_000);

  it('refuses a reprint without --copy and a reason, then prints COPY 1 with the reason', async () => {
    const file = join(out, 'pass-copy.pdf');
    const bare = await print('gate-pass', file);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      `${ref}'s gate pass was printed before: this print is COPY 1 and needs a reason.`,
    );
    const noCopy = await print('gate-pass', file, '--reason', 'Driver lost it');
    expect(noCopy.code).toBe(2);
    expect(noCopy.stderr).toContain('--reason is for a reprint: pass --copy with it.');
    const copy = await print('gate-pass', file, '--copy', '--reason', 'Driver lost the original', '--json');
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    const result = JSON.parse(copy.stdout) as {
      copy: number;
      pages: number;
      qr_code: string;
      document_id: string;
    };
    expect(result.copy).toBe(1);
    expect(result.document_id).toMatch(/^[0-9a-f-]{36}$/);
    const text = pdfText(file);
    expect(text).toContain('COPY 1');
    expect(text).toContain('Driver lost the original');
    expect(pdfQrCodes(file)).toEqual([result.qr_code]);
  }, 120_000);

  it('prints the manifest; the receipt report waits for the receipt', async () => {
    const file = join(out, 'manifest.pdf');
    const manifest = await print('manifest', file);
    expect(manifest.code).toBe(0);
    const text = pdfText(file);
    expect(text).toContain('MANIFEST');
    for (const code of assetCodes) expect(text).toContain(code);
    expect(text).toContain('Page 1 of 1');
    const receipt = await print('receipt', join(out, 'receipt.pdf'));
    expect(receipt.code).toBe(1);
    expect(receipt.stderr).toContain('has not been received yet');
    const unknown = await print('waybill', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'waybill' is not gate-pass, manifest or receipt.");
  }, 120_000);
});
