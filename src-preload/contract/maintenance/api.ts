// Station API, domain "maintenance": work orders, daily logs, meters, PM and service requests.
import { OVERLAY, type MethodSpec } from '../method.ts';
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
import { openWorkOrdersParamsSchema, openWorkOrdersResultSchema } from './reads.ts';

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
} as const satisfies Record<string, MethodSpec>;
