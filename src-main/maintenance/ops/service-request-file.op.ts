// service_request.file: an operator (or a technician, a supervisor) reports a defect on an asset,
// with an optional photo; it waits for triage. The photo travels inside the operation.
import { OpError } from '../../core/errors.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addEffect } from '../../ops/overlay.ts';
import { findRequest, type PendingRequest } from './request-state.ts';
import { requireLiveAsset } from './work-order-state.ts';

export const serviceRequestFile: OperationHandler<'service_request.file'> = {
  summarize(payload, db) {
    const asset = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    return `Request on ${asset ?? 'an asset'}: ${payload.description}${payload.photo ? ' (with a photo)' : ''}`;
  },
  applyLocal(ctx, payload) {
    requireLiveAsset(ctx.db, payload.asset_id, 'no defect can be reported on it');
    if (findRequest(ctx.db, payload.request_id))
      throw new OpError('duplicate_id', 'A service request with this id exists already.');
    const record: PendingRequest = {
      request_id: payload.request_id,
      asset_id: payload.asset_id,
      description: payload.description,
      reported_by: ctx.userId,
      reported_at: ctx.now.toISOString(),
      photo: payload.photo ? { content_type: payload.photo.content_type, data: payload.photo.data } : null,
    };
    addEffect(ctx.db, ctx.opId, 'service_request_new', payload.request_id, 0, record);
  },
};
