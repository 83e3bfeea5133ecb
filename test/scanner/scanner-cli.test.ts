// `amms scanner ...` end to end, as a support person runs it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amms-scanner-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('amms scanner', () => {
  it('replay --json prints each scan of a recording: code, symbology, AIM id, reader, time', async () => {
    const result = await runCli(['scanner', 'replay', 'test/fixtures/hid/hid-pos-gs1-128.jsonl', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      {
        code: '01095011015300031726123110LOT42\u001d21SN1234',
        symbology: 'GS1-128',
        aimId: ']C1',
        reader: 'hid-pos',
        t: 0,
      },
    ]);
  });

  it('replay prints keyboard-mode scans as text, GS shown as <GS>', async () => {
    const keyboard = await runCli(['scanner', 'replay', 'test/fixtures/hid/hid-kbd-p101-enter.jsonl']);
    expect(keyboard.code).toBe(0);
    expect(keyboard.stdout).toContain('P-101  unknown symbology  -  hid-keyboard  t=40ms');
    expect(keyboard.stdout).toContain('2 scans, 0 refused, read as hid-keyboard');
    const gs1 = await runCli(['scanner', 'replay', 'test/fixtures/hid/hid-kbd-gs1-ctrl.jsonl']);
    expect(gs1.stdout).toContain('010950110153000310LOT42<GS>21SN1234');
  });

  it('replay reports refused scans and a broken recording with its line number', async () => {
    const refused = join(dir, 'refused.jsonl');
    writeFileSync(
      refused,
      '{"device":{"vendorId":3118,"productId":0,"usagePage":140,"usage":2}}\n' +
        `{"t":0,"data":"02035d453041ff42${'00'.repeat(56)}"}\n`,
    );
    const json = await runCli(['scanner', 'replay', refused, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout.trim())).toMatchObject({ error: 'invalid_utf8', reader: 'hid-pos', t: 0 });

    const broken = join(dir, 'broken.jsonl');
    writeFileSync(
      broken,
      '{"device":{"vendorId":1,"productId":2,"usagePage":140,"usage":2}}\n{"t":0,"data":"zz"}\n',
    );
    const result = await runCli(['scanner', 'replay', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.jsonl line 2: .*hex bytes/);
  });

  it('replay refuses a recording of a device that is neither a scanner nor a keyboard', async () => {
    const mouse = join(dir, 'mouse.jsonl');
    writeFileSync(mouse, '{"device":{"vendorId":1,"productId":2,"usagePage":1,"usage":2}}\n');
    const result = await runCli(['scanner', 'replay', mouse]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/neither a HID POS barcode scanner .* nor a keyboard/);
  });

  it('list works without any HID device: says none were found, exit 0', async () => {
    const result = await runCli(['scanner', 'list']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No HID devices found\.|HID devices?, \d+ that looks? like a scanner/);
  });

  it('record names a missing device clearly', async () => {
    const result = await runCli([
      'scanner',
      'record',
      '--device',
      'ffff:ffff:-:008c.0002',
      '--out',
      join(dir, 'x.jsonl'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "amms: The scanner ffff:ffff:-:008c.0002 is not plugged in (run 'amms scanner list'",
    );
  });

  it('record refuses a bad --seconds as a usage error', async () => {
    const result = await runCli([
      'scanner',
      'record',
      '--device',
      'x',
      '--out',
      'x.jsonl',
      '--seconds',
      'soon',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'soon' is not a number of seconds");
  });
});
