// The logistics domain's operation handlers (code resolution, optimistic apply and summary), one per
// operation type the contract declares for the domain (src-preload/contract/logistics/operations.ts).
import type { logisticsOperations } from '../../src-preload/contract/logistics/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { shipmentCancel } from './shipment-cancel.op.ts';
import { shipmentDispatch } from './shipment-dispatch.op.ts';
import { shipmentFinishReceipt } from './shipment-finish-receipt.op.ts';
import { shipmentLoad } from './shipment-load.op.ts';
import { shipmentOpen } from './shipment-open.op.ts';
import { shipmentReceive } from './shipment-receive.op.ts';
import { shipmentUnload } from './shipment-unload.op.ts';

export const logisticsOperationHandlers: OperationHandlers<keyof typeof logisticsOperations> = {
  'shipment.open': shipmentOpen,
  'shipment.load': shipmentLoad,
  'shipment.unload': shipmentUnload,
  'shipment.dispatch': shipmentDispatch,
  'shipment.cancel': shipmentCancel,
  'shipment.receive': shipmentReceive,
  'shipment.finish_receipt': shipmentFinishReceipt,
};
