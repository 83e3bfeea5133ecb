// service_request.reject: a supervisor turns a pending request down with a reason.
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addStateChange } from '../../ops/overlay.ts';
import { findRequest, requirePendingRequest } from './request-state.ts';

export const serviceRequestReject: OperationHandler<'service_request.reject'> = {
  summarize(payload, db) {
    return `Reject request "${findRequest(db, payload.request_id)?.description ?? '?'}": ${payload.reason}`;
  },
  applyLocal(ctx, payload) {
    const request = requirePendingRequest(ctx.db, payload.request_id);
    addStateChange(ctx.db, ctx.opId, 'service_request', request.id, 'pending', 'rejected');
  },
};
