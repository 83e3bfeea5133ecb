// labels.make: QR labels for the bins of a warehouse of this site or for chosen assets, drawn by
// the print room off the core's thread (progress as print.progress events) and kept until the
// storekeeper prints or saves them.
import type { z } from 'zod';
import type { labelsParamsSchema } from '../../src-preload/contract/stock/reads.ts';
import type { ResultOf } from '../../src-preload/contract/api.ts';
import { OpError } from '../core/errors.ts';
import { reader, type HandlerContext } from '../core/handler-types.ts';
import { assetLabelsByIds, binLabelsOfWarehouse } from '../print/label-sources.ts';
import type { PrintJob } from '../print/print-jobs.ts';
import { printServiceOf } from '../print/print-service.ts';

type LabelsParams = z.output<typeof labelsParamsSchema>;

interface Planned {
  job: PrintJob;
  count: number;
  fileName: string;
  title: string;
}

function plan(ctx: HandlerContext, params: LabelsParams): Planned {
  const db = reader(ctx);
  if (params.source === 'bins') {
    const warehouse = db
      .prepare<[string, string], { id: string; code: string; name: string }>(
        `SELECT id, code, name FROM locations WHERE id = ? AND type = 'warehouse' AND site_id = ?`,
      )
      .get(params.warehouseId, ctx.core.scope.siteId);
    if (!warehouse) throw new OpError('unknown_warehouse', 'That warehouse is not one of this site.');
    const items = binLabelsOfWarehouse(db, warehouse);
    if (items.length === 0)
      throw new OpError('no_bins', `${warehouse.code} has no bins with stock to label.`);
    return {
      job: { kind: 'bin-labels', items },
      count: items.length,
      fileName: `bin-labels-${warehouse.code}.pdf`,
      title: `Bin labels ${warehouse.code}`,
    };
  }
  const unique = [...new Set(params.assetIds)];
  const items = assetLabelsByIds(db, unique);
  if (items.length < unique.length) {
    throw new OpError(
      'unknown_asset',
      unique.length - items.length === 1
        ? 'One of the assets has no client code to print (or is not in this station).'
        : `${String(unique.length - items.length)} of the assets have no client code to print (or are not in this station).`,
    );
  }
  return {
    job: { kind: 'asset-labels', items },
    count: items.length,
    fileName:
      items.length === 1
        ? `asset-label-${items[0]?.clientCode ?? ''}.pdf`
        : `asset-labels-${String(items.length)}.pdf`,
    title: `Asset labels (${String(items.length)})`,
  };
}

export async function makeLabels(
  ctx: HandlerContext,
  params: LabelsParams,
): Promise<ResultOf<'labels.make'>> {
  const planned = plan(ctx, params);
  const requestId = params.requestId;
  const made = await printServiceOf(ctx.core).make(
    planned.job,
    { fileName: planned.fileName, title: planned.title, media: 'A4' },
    requestId === undefined
      ? undefined
      : (done, total) => {
          ctx.core.emit('print.progress', { requestId, done, total });
        },
  );
  return {
    documentId: made.id,
    fileName: made.fileName,
    title: made.title,
    pages: made.pages,
    bytes: made.bytes,
    sha256: made.sha256,
    ms: made.ms,
    labels: planned.count,
  };
}
