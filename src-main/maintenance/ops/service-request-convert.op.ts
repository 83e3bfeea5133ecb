// service_request.convert: a supervisor turns a pending request into a new work order that keeps
// its description (and photo), or joins it to an open work order of the same asset.
import { OpError } from '../../core/errors.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addEffect, addStateChange } from '../../ops/overlay.ts';
import { findRequest, requirePendingRequest } from './request-state.ts';
import {
  findWorkOrder,
  refuseState,
  requireStationWorkOrder,
  requireTechnician,
  type PendingWorkOrder,
} from './work-order-state.ts';

export const serviceRequestConvert: OperationHandler<'service_request.convert'> = {
  summarize(payload, db) {
    const request = findRequest(db, payload.request_id)?.description ?? '?';
    return payload.existing_wo_id === undefined
      ? `Convert request "${request}" into a work order`
      : `Join request "${request}" to ${findWorkOrder(db, payload.existing_wo_id)?.code ?? 'a work order'}`;
  },
  applyLocal(ctx, payload) {
    const request = requirePendingRequest(ctx.db, payload.request_id);
    if (payload.existing_wo_id !== undefined) {
      const wo = requireStationWorkOrder(ctx.db, payload.existing_wo_id);
      if (wo.asset_id !== request.asset_id)
        throw new OpError(
          'other_asset',
          `${wo.code} is for another asset; a request joins a work order of its own asset.`,
        );
      refuseState(wo, ['draft', 'ready', 'in_progress'], 'given more requests', null);
    } else if (payload.wo_id !== undefined) {
      if (findWorkOrder(ctx.db, payload.wo_id))
        throw new OpError('duplicate_id', 'A work order with this id exists already.');
      if (payload.assigned_to_user_id !== undefined) requireTechnician(ctx.db, payload.assigned_to_user_id);
      const record: PendingWorkOrder = {
        wo_id: payload.wo_id,
        asset_id: request.asset_id,
        origin: payload.origin ?? 'defect',
        title: payload.title ?? `Defect: ${request.description.slice(0, 80)}`,
        description: request.description,
        priority: payload.priority ?? 'normal',
        assigned_to_user_id: payload.assigned_to_user_id ?? null,
        created_by: ctx.userId,
        request_id: request.id,
      };
      addEffect(ctx.db, ctx.opId, 'work_order_new', payload.wo_id, 0, record);
    }
    addStateChange(ctx.db, ctx.opId, 'service_request', request.id, 'pending', 'converted');
  },
};
