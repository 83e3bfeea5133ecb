// PostgreSQL enumerations of db/migrations/0001_schema.sql, same names and values in the same order.
import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', [
  'admin',
  'manager',
  'supervisor',
  'storekeeper',
  'logistics_clerk',
  'technician',
  'operator',
]);
export const locationType = pgEnum('location_type', ['site', 'building', 'room', 'area', 'warehouse']);
export const assetStatus = pgEnum('asset_status', ['in_service', 'out_of_service', 'in_transit', 'disposed']);
export const woStatus = pgEnum('wo_status', ['draft', 'ready', 'in_progress', 'closed', 'cancelled']);
export const woOrigin = pgEnum('wo_origin', ['pm', 'cm', 'defect']);
export const woPriority = pgEnum('wo_priority', ['low', 'normal', 'high', 'urgent']);
export const taskResult = pgEnum('task_result', ['pass', 'fail', 'input']);
export const serviceRequestStatus = pgEnum('service_request_status', ['pending', 'rejected', 'converted']);
export const partUnit = pgEnum('part_unit', ['piece', 'litre', 'metre', 'kilogram']);
export const consumableSource = pgEnum('consumable_source', ['wallet', 'warehouse']);
/** Shipment states (migration 0013 added received_with_discrepancies). */
export const shipmentStatus = pgEnum('shipment_status', [
  'loading',
  'dispatched',
  'received',
  'received_with_discrepancies',
  'cancelled',
]);
/** Asset movement and shipment part line states (migration 0013 added missing). */
export const movementStatus = pgEnum('movement_status', [
  'loaded',
  'in_transit',
  'received',
  'cancelled',
  'missing',
]);
export const auditAction = pgEnum('audit_action', ['insert', 'update', 'delete', 'bulk_load']);
/** Kind of a stock_movements row (migration 0009). */
export const stockMovementType = pgEnum('stock_movement_type', [
  'receive',
  'issue',
  'return',
  'return_defective',
  'consume',
  'adjust',
  'dispatch',
  'arrival',
]);

/** A seal checked at arrival (migration 0013). */
export const sealCheckResult = pgEnum('seal_check_result', ['intact', 'broken', 'mismatch']);
/** What came off a truck looked like (migration 0013). */
export const receiptCondition = pgEnum('receipt_condition', ['ok', 'damaged']);
/** What finishing a receipt found (migration 0013). */
export const discrepancyCode = pgEnum('discrepancy_code', [
  'missing',
  'extra',
  'damaged',
  'wrong_item',
  'seal_broken',
  'seal_mismatch',
]);

/** Outcome of an operation in the push ledger (migration 0005). */
export const opOutcome = pgEnum('op_outcome', ['applied', 'rejected']);

/** Every enumeration, keyed by its SQL type name. */
export const pgEnums = {
  user_role: userRole,
  location_type: locationType,
  asset_status: assetStatus,
  wo_status: woStatus,
  wo_origin: woOrigin,
  wo_priority: woPriority,
  task_result: taskResult,
  service_request_status: serviceRequestStatus,
  part_unit: partUnit,
  consumable_source: consumableSource,
  shipment_status: shipmentStatus,
  movement_status: movementStatus,
  audit_action: auditAction,
  stock_movement_type: stockMovementType,
  op_outcome: opOutcome,
  seal_check_result: sealCheckResult,
  receipt_condition: receiptCondition,
  discrepancy_code: discrepancyCode,
} as const;

export type UserRole = (typeof userRole.enumValues)[number];
export type LocationType = (typeof locationType.enumValues)[number];
export type AssetStatus = (typeof assetStatus.enumValues)[number];
export type WoStatus = (typeof woStatus.enumValues)[number];
export type WoOrigin = (typeof woOrigin.enumValues)[number];
export type WoPriority = (typeof woPriority.enumValues)[number];
export type TaskResult = (typeof taskResult.enumValues)[number];
export type ServiceRequestStatus = (typeof serviceRequestStatus.enumValues)[number];
export type PartUnit = (typeof partUnit.enumValues)[number];
export type ConsumableSource = (typeof consumableSource.enumValues)[number];
export type ShipmentStatus = (typeof shipmentStatus.enumValues)[number];
export type MovementStatus = (typeof movementStatus.enumValues)[number];
export type AuditAction = (typeof auditAction.enumValues)[number];
export type StockMovementType = (typeof stockMovementType.enumValues)[number];
export type OpOutcome = (typeof opOutcome.enumValues)[number];
export type SealCheckResult = (typeof sealCheckResult.enumValues)[number];
export type ReceiptCondition = (typeof receiptCondition.enumValues)[number];
export type DiscrepancyCode = (typeof discrepancyCode.enumValues)[number];
