// amms station verify --dir DIR CODE [--json]: the same answer as scanning a gate pass's QR code at
// the station (genuine, altered, unknown signer, expired, cancelled since), from the station's
// cache alone. Exits 0 for a genuine pass, 1 for any other answer. The implementation is loaded
// inside the action, so that `--help` does not load it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors.ts';

export function registerStationVerifyCommand(station: Command): void {
  station
    .command('verify')
    .description(
      "verify a gate pass's signed QR code (GP1:...) from this station's cache, offline: genuine, altered, unknown signer, expired or cancelled since, with what the paper should say; exits 1 unless genuine",
    )
    .requiredOption('--dir <dir>', "the station's folder (holds station.db)")
    .option('--json', 'print the verification as JSON')
    .argument('<code>', "the scanned code; '-' reads it from standard input")
    .action(async (code: string, options: { dir: string; json?: boolean }) => {
      const [
        { openCacheReadOnly },
        { STATION_DB },
        { verifyPassCode },
        { readSigningKeyFile },
        { readStationFile },
      ] = await Promise.all([
        import('../../cache/db.ts'),
        import('../../cache/station-cache.ts'),
        import('../../resolve/pass-verify.ts'),
        import('../../../db/admin/signing-key-file.ts'),
        import('../../../db/admin/station-file.ts'),
      ]);
      const dir = resolve(options.dir);
      const path = join(dir, STATION_DB);
      if (!existsSync(path)) {
        throw new UsageError(
          `no station cache at ${path} (run 'amms station sync --dir ${options.dir}' first).`,
        );
      }
      let raw = code;
      if (code === '-') {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        raw = Buffer.concat(chunks).toString('utf8').trim();
      }
      const key = readSigningKeyFile(dir);
      const file = readStationFile(dir);
      const db = openCacheReadOnly(path);
      let check;
      try {
        check = verifyPassCode(db, raw, {
          ...(key
            ? {
                ownKey: {
                  keyId: key.keyId,
                  publicKey: key.publicKey,
                  stationName: file.name,
                  siteCode: file.siteCode,
                },
              }
            : {}),
        });
      } finally {
        db.close();
      }
      if (!check) throw new UsageError('that is not a gate pass code (it starts with GP1:).');
      if (options.json) console.log(JSON.stringify(check, null, 2));
      else {
        console.log(check.line);
        for (const row of check.paper) console.log(`  ${row.label}: ${row.value}`);
      }
      if (check.verdict !== 'genuine')
        throw new Error(`not a valid gate pass (${check.verdict.replace('_', ' ')}).`);
    });
}
