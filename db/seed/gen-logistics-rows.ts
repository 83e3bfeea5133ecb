// Row builders of the logistics demo data (gen-logistics.ts): discrepancies, receipt lines and the
// movements of a unit with its components, as the clerks' operations would have written them.
import type { TenantCtx } from './context.ts';
import type { AssetRec } from './gen-assets.ts';
import type { UserRec } from './gen-org.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface LogisticsOut {
  shipments: Row[];
  movements: Row[];
  partLines: Row[];
  seals: Row[];
  receipts: Row[];
  discrepancies: Row[];
}

/** Who did something at the far end, and when (days before the anchor midnight). */
export interface Stop {
  at: number;
  by: UserRec;
}

export class LogisticsRows {
  constructor(
    private readonly ctx: TenantCtx,
    private readonly out: LogisticsOut,
  ) {}

  discrepancy(shipment: string, code: string, fields: Row, stop: Stop): void {
    this.out.discrepancies.push({
      id: this.ctx.id('discrepancy', this.out.discrepancies.length),
      tenant_id: this.ctx.tenantId,
      shipment_id: shipment,
      code,
      asset_id: null,
      part_id: null,
      qty: null,
      movement_id: null,
      part_line_id: null,
      receipt_line_id: null,
      seal_id: null,
      other_shipment_id: null,
      expected: null,
      found: null,
      note: null,
      ...fields,
      recorded_by_user_id: stop.by.id,
      recorded_at: this.ctx.at(stop.at, 0),
      created_at: this.ctx.at(stop.at, 0),
      updated_at: this.ctx.at(stop.at, 0),
    });
  }

  receipt(shipment: string, fields: Row, stop: Stop): string {
    const id = this.ctx.id('receipt', this.out.receipts.length);
    this.out.receipts.push({
      id,
      tenant_id: this.ctx.tenantId,
      shipment_id: shipment,
      station_id: null,
      asset_id: null,
      movement_id: null,
      part_id: null,
      qty: null,
      extra_qty: null,
      location_id: null,
      bin_location: null,
      condition: 'ok',
      note: null,
      ...fields,
      received_by_user_id: stop.by.id,
      received_at: this.ctx.at(stop.at, 0),
      created_at: this.ctx.at(stop.at, 0),
      updated_at: this.ctx.at(stop.at, 0),
    });
    return id;
  }

  /** One movement for the unit and one per component hanging on it; returns the unit's id. */
  loadUnit(
    unit: AssetRec,
    shipment: Row,
    status: string,
    loadedAt: number,
    loader: UserRec,
    received: Stop | null,
    extra = false,
  ): string[] {
    const ids: string[] = [];
    const before = unit.status === 'in_transit' ? 'in_service' : unit.status;
    for (const asset of [unit, ...unit.children.filter((c) => c.status !== 'disposed')]) {
      const id = this.ctx.id('movement', this.out.movements.length);
      ids.push(id);
      this.out.movements.push({
        id,
        tenant_id: this.ctx.tenantId,
        asset_id: asset.id,
        shipment_id: shipment.id as string,
        from_location_id: unit.locationId,
        to_location_id: shipment.destination_location_id as string,
        status,
        gate_pass_ref: shipment.gate_pass_ref as string,
        moved_at: this.ctx.at(loadedAt, 0),
        received_at: status === 'received' && received ? this.ctx.at(received.at, 0) : null,
        received_by_user_id: status === 'received' && received ? received.by.id : null,
        created_at: this.ctx.at(loadedAt, 0),
        updated_at: this.ctx.at(received?.at ?? loadedAt, 0),
        parent_movement_id: asset === unit ? null : (ids[0] ?? null),
        detached_from_asset_id: null,
        asset_status_before:
          asset === unit ? before : asset.status === 'in_transit' ? 'in_service' : asset.status,
        loaded_by_user_id: extra ? null : loader.id,
        is_extra: extra,
      });
    }
    return ids;
  }
}
