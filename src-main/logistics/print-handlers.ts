// documents.print: a shipment's gate pass, manifest or receipt report issued at this station
// (the documents room numbers the copies and records the print; this domain gathers what the paper
// says and signs the pass), drawn in the core's print worker with progress events, then printed
// once or saved through the print room's calls.
import type { documentsApi } from '../../src-preload/contract/documents/api.ts';
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import { QUEUE_TABLES } from '../../src-preload/contract/tables.ts';
import { requireUser, type HandlerMap } from '../core/handler-types.ts';
import { recordIssue, type IssueEnv } from '../documents/issue-document.ts';
import { printServiceOf } from '../print/print-service.ts';
import { planShipmentDocument } from './shipment-documents.ts';

export const shipmentPrintHandlers: HandlerMap<Extract<keyof typeof documentsApi, 'documents.print'>> = {
  'documents.print': async (ctx, params) => {
    const user = requireUser(ctx);
    const core = ctx.core;
    const requestId = params.requestId;
    const env: IssueEnv = {
      cache: core.cache,
      scope: core.scope,
      dir: core.dir,
      userId: user.id,
      signer: { keyId: core.signer.publicKey.keyId, sign: (m) => core.signer.sign(m) },
      stationLabel: `${core.file.name} · ${core.file.siteCode}`,
    };
    const plan = planShipmentDocument(env, {
      kind: params.kind,
      shipmentId: params.shipmentId,
      reason: params.reason ?? null,
    });
    const service = printServiceOf(core);
    const word = DOCUMENT_WORDS[plan.kind];
    const file = await service.make(
      plan.job,
      {
        fileName: plan.fileName,
        title: plan.title,
        media: 'A4',
        ...(plan.draft
          ? {}
          : {
              printsLeft: 1,
              noPrintReason: `${plan.reference}'s ${word} was printed; print it again as a COPY, with a reason.`,
            }),
      },
      requestId === undefined
        ? undefined
        : (done, total) => {
            core.emit('print.progress', { requestId, done, total });
          },
    );
    const recorded = recordIssue(env, plan, service.files.read(file), file.pages, file.sha256);
    if (recorded) core.localChange(QUEUE_TABLES);
    return {
      documentId: file.id,
      fileName: file.fileName,
      title: file.title,
      pages: file.pages,
      bytes: file.bytes,
      sha256: file.sha256,
      ms: file.ms,
      copy: plan.copy,
      draft: plan.draft,
      issuedDocumentId: recorded?.documentId ?? null,
    };
  },
};
