// The print room's calls: the system's printers and the station's default, sending a document the
// station made to a printer through the spooler, and handing it to the screen to save.
import type { printApi } from '../../src-preload/contract/print/api.ts';
import { OpError } from '../core/errors.ts';
import { requireUser, type HandlerContext, type HandlerMap } from '../core/handler-types.ts';
import type { MadeFile } from '../print/print-files.ts';
import { printServiceOf } from '../print/print-service.ts';
import { SpoolerError } from '../print/spooler.ts';

function madeFile(ctx: HandlerContext, documentId: string): MadeFile {
  const file = printServiceOf(ctx.core).files.get(documentId);
  if (!file) throw new OpError('document_gone', 'That document is no longer on this station: make it again.');
  return file;
}

export const printHandlers: HandlerMap<keyof typeof printApi> = {
  'print.printers': async (ctx) => {
    requireUser(ctx);
    return printServiceOf(ctx.core).printers();
  },
  'print.setDefault': (ctx, params) => {
    requireUser(ctx);
    printServiceOf(ctx.core).setDefault(params.printer);
    return { ok: true as const };
  },
  'print.send': async (ctx, params) => {
    requireUser(ctx);
    const service = printServiceOf(ctx.core);
    const file = madeFile(ctx, params.documentId);
    try {
      const sent = await service.send(file, params.printer, params.copies);
      if (params.remember) service.setDefault(sent.printer);
      const copies = params.copies === 1 ? '' : ` (${String(params.copies)} copies)`;
      return {
        ...sent,
        message: `${file.title}${copies} sent to ${sent.printer}${sent.jobId === null ? '' : ` as job ${sent.jobId}`}.`,
      };
    } catch (error) {
      if (error instanceof SpoolerError) throw new OpError('print_failed', error.message);
      throw error;
    }
  },
  'print.file': (ctx, params) => {
    requireUser(ctx);
    const service = printServiceOf(ctx.core);
    const file = madeFile(ctx, params.documentId);
    return { fileName: file.fileName, base64: service.files.read(file).toString('base64') };
  },
};
