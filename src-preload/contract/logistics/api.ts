// Station API, domain "logistics": the reads of the clerk's screens (Shipments, Load, Receive truck).
import type { CacheTable } from '../tables.ts';
import { OVERLAY, type MethodSpec } from '../method.ts';
import {
  destinationsParamsSchema,
  destinationsResultSchema,
  shipmentDetailParamsSchema,
  shipmentDetailResultSchema,
  shipmentsListParamsSchema,
  shipmentsListResultSchema,
} from './reads.ts';

/** What a truck's reads depend on: the truck, its manifest, seals, receipt, and the names shown. */
const TRUCK_TABLES: readonly CacheTable[] = [
  'shipments',
  'asset_movements',
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
  'assets',
  'asset_identities',
  'parts',
  'locations',
  'users',
  'stations',
  ...OVERLAY,
];

export const logisticsApi = {
  'shipments.list': {
    params: shipmentsListParamsSchema,
    result: shipmentsListResultSchema,
    reads: TRUCK_TABLES,
  },
  'shipments.detail': {
    params: shipmentDetailParamsSchema,
    result: shipmentDetailResultSchema,
    reads: TRUCK_TABLES,
  },
  'shipments.destinations': {
    params: destinationsParamsSchema,
    result: destinationsResultSchema,
    reads: ['locations'],
  },
} as const satisfies Record<string, MethodSpec>;
