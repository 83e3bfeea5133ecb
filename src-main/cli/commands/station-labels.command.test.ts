// `amms station labels` run as a child process against a station cache filled by a real sync of
// the seeded demo data (tenant acme, site ACME-NBO).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.ts';
import { createSyncWorld, type Station, type SyncWorld } from '../../../test/helpers/sync-harness.ts';

let world: SyncWorld;
let station: Station;
let out: string;
let codes: string[];

beforeAll(async () => {
  world = await createSyncWorld();
  station = await world.enroll();
  await station.syncOnce();
  codes = station.cache.reader
    .prepare<[], { client_code: string }>(
      'SELECT client_code FROM asset_identities WHERE client_code IS NOT NULL ORDER BY client_code LIMIT 3',
    )
    .all()
    .map((r) => r.client_code);
  station.close();
  out = mkdtempSync(join(tmpdir(), 'amms-labels-cli-'));
});

afterAll(async () => {
  await world.close();
  rmSync(out, { recursive: true, force: true });
});

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
}

describe('amms station labels', () => {
  it('writes asset labels for client codes', async () => {
    const file = join(out, 'assets.pdf');
    const result = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--assets',
      codes.join(','),
      '--out',
      file,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote 3 labels to ${file}.`);
    const text = pdfText(file);
    for (const code of codes) expect(text).toContain(code);
  });

  it('writes the labels of every bin of a warehouse', async () => {
    const file = join(out, 'bins.pdf');
    const result = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--warehouse',
      'acme-nbo-wh1',
      '--out',
      file,
    ]);
    expect(result.code).toBe(0);
    expect(pdfText(file)).toContain('ACME-NBO-WH1/');
  });

  it('refuses unknown codes, unknown warehouses, no selection and unwritable files', async () => {
    const file = join(out, 'never.pdf');
    const unknown = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--assets',
      'NO-SUCH',
      '--out',
      file,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no asset with client code NO-SUCH.');
    const prefix = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--asset-prefix',
      'ZZZ',
      '--out',
      file,
    ]);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain("no asset's client code starts with 'ZZZ'.");
    const warehouse = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--warehouse',
      'NOPE',
      '--out',
      file,
    ]);
    expect(warehouse.code).toBe(2);
    expect(warehouse.stderr).toContain("no warehouse with code 'NOPE'");
    const none = await runCli(['station', 'labels', '--dir', station.dir, '--out', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pass exactly one of --assets, --asset-prefix or --warehouse.');
    const unwritable = join(out, 'no-such-folder', 'labels.pdf');
    const write = await runCli([
      'station',
      'labels',
      '--dir',
      station.dir,
      '--warehouse',
      'ACME-NBO-WH1',
      '--out',
      unwritable,
    ]);
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(`cannot write ${unwritable}`);
  });
});
