// `amms station resolve` run as a child process against a real station cache in a temporary folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMirrorRows } from '../../../test/helpers/mirror-rows.ts';
import { CLI, runCli, type CliResult } from '../../../test/helpers/run-cli.ts';
import { StationCache } from '../../cache/station-cache.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-resolve-cli-'));
  const cache = StationCache.open(dir);
  cache.createMirrorIndexes();
  const [site = ''] = insertMirrorRows(cache.writer, 'locations', [
    { code: 'ACME-NBO', name: 'Nairobi Central Depot', type: 'site', is_active: 1 },
  ]);
  const [pump = ''] = insertMirrorRows(cache.writer, 'assets', [
    { name: 'Dewatering pump Godwin CD150', location_id: site, status: 'in_service', category: 'Pumps' },
  ]);
  insertMirrorRows(cache.writer, 'asset_identities', [
    { asset_id: pump, client_code: 'P-101', qr_token: 'AbCdEfGhIjKlMnOpQrStUvWx' },
  ]);
  insertMirrorRows(cache.writer, 'parts', [
    { sku: 'FLT-100001', name: 'Oil filter', unit: 'piece', barcode: '4006381333931', is_active: 1 },
  ]);
  cache.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with `input` on standard input. */
function runWithStdin(args: string[], input: Buffer): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolveRun({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('amms station resolve', () => {
  it('prints what a code stands for and exits 0', async () => {
    const result = await runCli(['station', 'resolve', '--dir', dir, 'p-101']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('p-101 -> asset: Dewatering pump Godwin CD150 (matched by client code)');
  });

  it('prints the GS1 data and the part a GTIN names', async () => {
    const result = await runCli(['station', 'resolve', '--dir', dir, ']C10104006381333931<GS>10AB-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GS1 (GS1-128): (01)04006381333931(10)AB-1');
    expect(result.stdout).toContain('-> part: Oil filter (matched by GTIN (GS1))');
  });

  it('prints JSON with --json, and exits 1 with the message and suggestions when nothing matched', async () => {
    const result = await runCli(['station', 'resolve', '--dir', dir, 'P-1O1', '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { status: string; suggestions: { code: string }[] };
    expect(json.status).toBe('not_found');
    expect(json.suggestions.map((s) => s.code)).toEqual(['P-101']);
    expect(result.stderr).toContain('did you mean P-101?');
  });

  it('refuses invalid UTF-8 read from standard input', async () => {
    const result = await runWithStdin(
      ['station', 'resolve', '--dir', dir, '-'],
      Buffer.from([0x50, 0xff, 0x31]),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not valid text (invalid UTF-8)');
  });

  it('is a usage error when the folder holds no station cache', async () => {
    const result = await runCli(['station', 'resolve', '--dir', join(dir, 'nowhere'), 'P-101']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no station cache at');
  });
});
