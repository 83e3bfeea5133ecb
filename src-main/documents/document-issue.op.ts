// document.issue: a shipment's document was printed here. The core queues it when it prints (the
// screens cannot send it): the PDF's bytes must match their hash, the copy number must be the next
// one, a reprint has its reason, and a cancelled shipment's gate pass is never issued as valid.
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import { addEffect, pendingState } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { documentKey, nextCopyNumber, sha256Hex } from './copies.ts';

/** The shipment from the mirror, or a truck opened here and not confirmed yet (its queued opening). */
function shipmentOf(
  db: CacheDb,
  id: string,
): { id: string; gate_pass_ref: string; status: string | null } | undefined {
  const mirror = db.prepare('SELECT id, gate_pass_ref, status FROM shipments WHERE id = ?').get(id) as
    { id: string; gate_pass_ref: string; status: string } | undefined;
  if (mirror) return mirror;
  const ref = db
    .prepare(
      `SELECT json_extract(data, '$.gate_pass_ref') FROM pending_effects WHERE entity = 'shipment_open' AND key = ?`,
    )
    .pluck()
    .get(id) as string | undefined;
  return ref === undefined ? undefined : { id, gate_pass_ref: ref, status: null };
}

export const documentIssue: OperationHandler<'document.issue'> = {
  summarize(payload, db) {
    const ref = shipmentOf(db, payload.shipment_id)?.gate_pass_ref;
    const copy =
      payload.copy_number === 0 ? '' : ` (COPY ${String(payload.copy_number)}: ${payload.reason ?? ''})`;
    return `Printed the ${DOCUMENT_WORDS[payload.kind]} of ${ref ?? 'a shipment'}${copy}`;
  },
  applyLocal(ctx, payload) {
    const shipment = shipmentOf(ctx.db, payload.shipment_id);
    if (!shipment) throw new OpError('unknown_shipment', 'That shipment is not at this station.');
    const word = DOCUMENT_WORDS[payload.kind];
    if (payload.kind === 'gate_pass') {
      const state = pendingState(ctx.db, 'shipment', shipment.id, shipment.status ?? 'loading').state;
      if (state === 'cancelled') {
        throw new OpError(
          'shipment_cancelled',
          `${shipment.gate_pass_ref} is cancelled: its gate pass cannot be printed as valid.`,
        );
      }
      if (payload.qr_payload === undefined || payload.key_id === undefined) {
        throw new OpError('missing_signature', 'A gate pass needs its signed QR code.');
      }
    } else if (payload.qr_payload !== undefined || payload.key_id !== undefined) {
      throw new OpError('invalid_input', `A ${word} carries no signed QR code.`);
    }
    if (sha256Hex(Buffer.from(payload.content, 'base64')) !== payload.sha256) {
      throw new OpError('document_hash_mismatch', "The document's content does not match its SHA-256.");
    }
    const expected = nextCopyNumber(ctx.db, shipment.id, payload.kind);
    if (payload.copy_number !== expected) {
      throw new OpError(
        'copy_number_taken',
        expected === 0
          ? `${shipment.gate_pass_ref}'s ${word} has no original yet: print the original first.`
          : `${shipment.gate_pass_ref}'s ${word} was already printed; this print is COPY ${String(expected)}.`,
      );
    }
    if (payload.copy_number > 0 && payload.reason === undefined) {
      throw new OpError('missing_reason', `A reprint (COPY ${String(payload.copy_number)}) needs a reason.`);
    }
    addEffect(ctx.db, ctx.opId, 'document', documentKey(shipment.id, payload.kind), 1, {
      document_id: payload.document_id,
      copy_number: payload.copy_number,
    });
  },
};
