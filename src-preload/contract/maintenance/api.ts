// Station API, domain "maintenance": work orders, daily logs, meters, PM and service requests.
import { OVERLAY, type MethodSpec } from '../method.ts';
import { assetCardParamsSchema, assetCardSchema } from './asset-card-reads.ts';
import {
  dailyLogCorrectionsParamsSchema,
  dailyLogCorrectionsResultSchema,
  dailyLogGridParamsSchema,
  dailyLogGridResultSchema,
  dailyLogSaveParamsSchema,
  dailyLogSaveResultSchema,
  meterHistoryParamsSchema,
  meterHistoryResultSchema,
} from './daily-log-reads.ts';
import { pmBoardParamsSchema, pmBoardResultSchema } from './pm-reads.ts';
import { openWorkOrdersParamsSchema, openWorkOrdersResultSchema } from './reads.ts';
import {
  requestDetailParamsSchema,
  requestDetailSchema,
  requestQueueParamsSchema,
  requestQueueResultSchema,
} from './request-reads.ts';
import {
  workOrderDetailParamsSchema,
  workOrderDetailSchema,
  workOrderListParamsSchema,
  workOrderListResultSchema,
} from './work-order-reads.ts';

const WORK = ['work_orders', 'wo_tasks', 'assets', 'asset_identities', 'users', ...OVERLAY] as const;

export const maintenanceApi = {
  'workOrders.open': {
    params: openWorkOrdersParamsSchema,
    result: openWorkOrdersResultSchema,
    reads: ['work_orders', 'assets', 'users', 'tenants'],
  },
  'dailyLog.grid': {
    params: dailyLogGridParamsSchema,
    result: dailyLogGridResultSchema,
    reads: [
      'assets',
      'asset_identities',
      'asset_meters',
      'asset_specs',
      'locations',
      'daily_logs',
      'daily_log_days',
      'meter_readings',
      'meter_replacements',
      'users',
      ...OVERLAY,
    ],
  },
  'workOrders.list': { params: workOrderListParamsSchema, result: workOrderListResultSchema, reads: WORK },
  'workOrders.detail': {
    params: workOrderDetailParamsSchema,
    result: workOrderDetailSchema,
    reads: [
      ...WORK,
      'wo_consumables',
      'parts',
      'pm_schedules',
      'service_requests',
      'service_request_photos',
      'asset_meters',
      'tenants',
    ],
  },
  'pm.board': {
    params: pmBoardParamsSchema,
    result: pmBoardResultSchema,
    reads: [
      'pm_schedules',
      'work_orders',
      'assets',
      'asset_identities',
      'asset_meters',
      'asset_usage',
      'locations',
    ],
  },
  'requests.queue': {
    params: requestQueueParamsSchema,
    result: requestQueueResultSchema,
    reads: [
      'service_requests',
      'service_request_photos',
      'work_orders',
      'assets',
      'asset_identities',
      'users',
      ...OVERLAY,
    ],
  },
  'dailyLog.save': { params: dailyLogSaveParamsSchema, result: dailyLogSaveResultSchema },
  'dailyLog.corrections': {
    params: dailyLogCorrectionsParamsSchema,
    result: dailyLogCorrectionsResultSchema,
    reads: ['daily_log_corrections', 'users', ...OVERLAY],
  },
  'meters.history': {
    params: meterHistoryParamsSchema,
    result: meterHistoryResultSchema,
    reads: ['asset_meters', 'meter_readings', 'meter_replacements', 'daily_logs', ...OVERLAY],
  },
  'requests.detail': {
    params: requestDetailParamsSchema,
    result: requestDetailSchema,
    reads: [
      'service_requests',
      'service_request_photos',
      'work_orders',
      'assets',
      'asset_identities',
      'users',
      ...OVERLAY,
    ],
  },
  'assets.card': {
    params: assetCardParamsSchema,
    result: assetCardSchema,
    reads: [
      'assets',
      'asset_identities',
      'asset_meters',
      'asset_usage',
      'locations',
      'asset_movements',
      'shipments',
      'pm_schedules',
      'pm_completions',
      'work_orders',
      'service_requests',
      'daily_logs',
      ...OVERLAY,
    ],
  },
} as const satisfies Record<string, MethodSpec>;
