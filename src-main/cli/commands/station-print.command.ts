// amms station print gate-pass|manifest|receipt --dir DIR --shipment REF --user EMAIL --out FILE.pdf
// [--copy --reason TEXT] [--json]: issues a shipment's document at this station exactly as the
// app's Print button does (the original once, then COPY n with a reason; a gate pass's QR code
// signed with the station's key; document.issue queued with the PDF for the central store), drawn
// in this process. A loading truck's manifest is a draft (not issued). The implementation is
// loaded inside the action, so that `--help` does not load it.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors.ts';

const KINDS = { 'gate-pass': 'gate_pass', manifest: 'manifest', receipt: 'receipt' } as const;

interface PrintOptions {
  dir: string;
  shipment: string;
  user: string;
  out: string;
  copy?: boolean;
  reason?: string;
  json?: boolean;
}

export function registerStationPrintCommand(station: Command): void {
  station
    .command('print')
    .description(
      "issue a shipment's gate pass (signed QR code), manifest or receipt report as a PDF, as the app's Print does: the original once, then --copy with --reason (COPY n); queued for the central store",
    )
    .argument('<document>', 'gate-pass, manifest or receipt')
    .requiredOption('--dir <dir>', "the station's folder (holds station.db and its signing key)")
    .requiredOption('--shipment <ref>', 'the gate pass reference (GP-NBO1-0042) or the shipment id')
    .requiredOption('--user <email>', 'who prints it (a user synced to this station)')
    .requiredOption('--out <file>', 'the PDF to write')
    .option('--copy', 'a reprint (COPY n) of a document printed before; needs --reason')
    .option('--reason <text>', 'why it is printed again')
    .option('--json', 'print the result as JSON')
    .action(async (document: string, options: PrintOptions) => {
      const kind = (KINDS as Record<string, (typeof KINDS)[keyof typeof KINDS] | undefined>)[document];
      if (kind === undefined) throw new UsageError(`'${document}' is not gate-pass, manifest or receipt.`);
      if (options.reason !== undefined && options.copy !== true) {
        throw new UsageError('--reason is for a reprint: pass --copy with it.');
      }
      const [
        { StationCache, STATION_DB },
        { readStationFile },
        { StationSigner },
        { renderJob },
        { recordIssue },
        { sha256Hex },
        { planShipmentDocument, shipmentIdOf },
        { OpError },
      ] = await Promise.all([
        import('../../cache/station-cache.ts'),
        import('../../../db/admin/station-file.ts'),
        import('../../core/station-signer.ts'),
        import('../../print/print-jobs.ts'),
        import('../../documents/issue-document.ts'),
        import('../../documents/copies.ts'),
        import('../../logistics/shipment-documents.ts'),
        import('../../core/errors.ts'),
      ]);
      const dir = resolve(options.dir);
      if (!existsSync(join(dir, STATION_DB))) {
        throw new UsageError(
          `no station cache at ${join(dir, STATION_DB)} (run 'amms station sync --dir ${options.dir}' first).`,
        );
      }
      const file = readStationFile(dir);
      const cache = StationCache.open(dir);
      try {
        const user = cache.reader
          .prepare('SELECT id FROM users WHERE email = ? AND is_active = 1')
          .pluck()
          .get(options.user.trim().toLowerCase()) as string | undefined;
        if (user === undefined) {
          throw new UsageError(`no active user with e-mail ${options.user} in this station's cache.`);
        }
        const signer = new StationSigner(dir);
        const env = {
          cache,
          scope: { stationId: file.stationId, tenantId: file.tenantId, siteId: file.siteId },
          dir,
          userId: user,
          signer: { keyId: signer.publicKey.keyId, sign: (m: Buffer) => signer.sign(m) },
          stationLabel: `${file.name} · ${file.siteCode}`,
        };
        let result;
        try {
          const shipmentId = shipmentIdOf(cache.reader, options.shipment);
          const plan = planShipmentDocument(env, {
            kind,
            shipmentId,
            reason: options.reason ?? null,
          });
          if (plan.copy > 0 && options.copy !== true) {
            throw new UsageError(
              `${plan.reference}'s ${document} was printed before: this print would be COPY ${String(plan.copy)}; pass --copy --reason TEXT.`,
            );
          }
          if (plan.copy === 0 && options.copy === true && !plan.draft) {
            throw new UsageError(
              `${plan.reference}'s ${document} has no original yet: print it without --copy first.`,
            );
          }
          const started = performance.now();
          const pdf = renderJob(plan.job);
          const ms = performance.now() - started;
          const bytes = Buffer.from(pdf.bytes);
          const out = resolve(options.out);
          try {
            writeFileSync(out, bytes);
          } catch (error) {
            throw new Error(
              `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`,
              {
                cause: error,
              },
            );
          }
          const sha256 = sha256Hex(bytes);
          const recorded = recordIssue(env, plan, bytes, pdf.pages, sha256);
          result = {
            document: document,
            reference: plan.reference,
            shipment_id: plan.shipmentId,
            copy: plan.copy,
            draft: plan.draft,
            pages: pdf.pages,
            bytes: bytes.length,
            sha256,
            ms: Math.round(ms * 10) / 10,
            out,
            document_id: recorded?.documentId ?? null,
            op_id: recorded?.opId ?? null,
            qr_code: plan.qrCode,
          };
        } catch (error) {
          if (error instanceof OpError) throw new Error(`${error.message} (${error.code})`, { cause: error });
          throw error;
        }
        if (options.json === true) {
          console.log(JSON.stringify(result, null, 2));
        } else {
          const mark = result.draft
            ? 'DRAFT'
            : result.copy === 0
              ? 'original'
              : `COPY ${String(result.copy)}`;
          console.log(
            `Wrote ${result.reference}'s ${document} (${mark}, ${String(result.pages)} page${result.pages === 1 ? '' : 's'}) to ${result.out}.`,
          );
          if (!result.draft) {
            console.log(
              `Queued as document.issue; run 'amms station sync --dir ${options.dir}' to store it centrally.`,
            );
          }
        }
      } finally {
        cache.close();
      }
    });
}
