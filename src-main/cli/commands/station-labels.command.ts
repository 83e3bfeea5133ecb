// amms station labels --dir DIR (--assets CODES | --asset-prefix P | --warehouse CODE) --out FILE:
// an A4 PDF of QR labels (3 x 8 labels of 70 x 37 mm) for assets or for the bins of a warehouse,
// from the station's cache (opened read-only).
// The action loads the cache and the PDF code when it runs, so that `--help` does not.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CacheDb } from '../../cache/db.ts';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors.ts';

interface LabelsOptions {
  dir: string;
  assets?: string;
  assetPrefix?: string;
  warehouse?: string;
  out: string;
}

async function labelsPdf(db: CacheDb, options: LabelsOptions): Promise<{ pdf: Buffer; count: number }> {
  const [
    { assetLabelsPdf, binLabelsPdf },
    { assetLabelsByCodes, assetLabelsByPrefix, binLabelsOfWarehouse, findWarehouse },
  ] = await Promise.all([import('../../print/label-pdf.ts'), import('../../print/label-sources.ts')]);
  if (options.assets !== undefined) {
    const codes = options.assets
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const { items, missing } = assetLabelsByCodes(db, codes);
    if (missing.length > 0) throw new UsageError(`no asset with client code ${missing.join(', ')}.`);
    if (items.length === 0) throw new UsageError('--assets names no client code.');
    return { pdf: assetLabelsPdf(items), count: items.length };
  }
  if (options.assetPrefix !== undefined) {
    const items = assetLabelsByPrefix(db, options.assetPrefix);
    if (items.length === 0)
      throw new UsageError(`no asset's client code starts with '${options.assetPrefix}'.`);
    return { pdf: assetLabelsPdf(items), count: items.length };
  }
  const code = options.warehouse ?? '';
  const warehouse = findWarehouse(db, code);
  if (!warehouse) throw new UsageError(`no warehouse with code '${code}' in this station's cache.`);
  const items = binLabelsOfWarehouse(db, warehouse);
  if (items.length === 0) throw new UsageError(`warehouse ${warehouse.code} has no bins with stock.`);
  return { pdf: binLabelsPdf(items), count: items.length };
}

export function registerStationLabelsCommand(station: Command): void {
  station
    .command('labels')
    .description(
      'an A4 PDF of QR labels (3 x 8 labels of 70 x 37 mm) for assets (QR: the QR token, else the client code) or the bins of a warehouse (QR: WAREHOUSE/BIN)',
    )
    .requiredOption('--dir <dir>', "the station's folder (holds station.db)")
    .option('--assets <codes>', 'client codes, comma-separated')
    .option('--asset-prefix <prefix>', 'every asset whose client code starts with this')
    .option('--warehouse <code>', 'every bin of this warehouse (its location code) holding stock')
    .requiredOption('--out <file>', 'the PDF to write')
    .action(async (options: LabelsOptions) => {
      const chosen = [options.assets, options.assetPrefix, options.warehouse].filter((o) => o !== undefined);
      if (chosen.length !== 1) {
        throw new UsageError('pass exactly one of --assets, --asset-prefix or --warehouse.');
      }
      const [{ openCacheReadOnly }, { STATION_DB }] = await Promise.all([
        import('../../cache/db.ts'),
        import('../../cache/station-cache.ts'),
      ]);
      const path = join(resolve(options.dir), STATION_DB);
      if (!existsSync(path)) {
        throw new UsageError(
          `no station cache at ${path} (run 'amms station sync --dir ${options.dir}' first).`,
        );
      }
      const db = openCacheReadOnly(path);
      let result: { pdf: Buffer; count: number };
      try {
        result = await labelsPdf(db, options);
      } finally {
        db.close();
      }
      const out = resolve(options.out);
      try {
        writeFileSync(out, result.pdf);
      } catch (error) {
        throw new Error(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      console.log(`Wrote ${String(result.count)} label${result.count === 1 ? '' : 's'} to ${out}.`);
    });
}
