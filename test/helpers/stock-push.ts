// Stock helpers for the tests of the stock operations through amms_push (test/db/stock, and the
// push mechanics tests that use stock operations as their example): parts with stock in bins and
// wallets, the balances and history rows an operation leaves, and envelopes of each stock
// operation with sensible defaults (tenant A's warehouse, Tia Tech's wallet).
import { randomBytes } from 'node:crypto';
import { insertPart, insertStock, insertWallet, insertWorkOrder } from './base-fixture.ts';
import type { Envelope, Json, PushFixture } from './push-fixture.ts';

export interface MovementRow {
  movement_type: string;
  part_id: string;
  location_id: string | null;
  bin_location: string | null;
  technician_id: string | null;
  wo_id: string | null;
  qty_delta: number;
  qty_after: number;
  wallet_qty_after: number | null;
  unit_cost: number | null;
  supplier_ref: string | null;
  reason: string | null;
  performed_by_user_id: string;
  station_id: string;
}

export type Unit = 'piece' | 'litre' | 'metre' | 'kilogram';
export type WorkOrderStatus = 'draft' | 'ready' | 'in_progress' | 'closed' | 'cancelled';

export function stockHelpers(t: PushFixture) {
  const { op } = t;

  /** A new part of tenant A (unique SKU, unit cost 2.5 unless given), with stock in bins of A's warehouse and in wallets. */
  const newPart = async (
    unit: Unit = 'piece',
    { bins = {}, wallets = {}, cost = 2.5 }: { bins?: Json; wallets?: Json; cost?: number } = {},
  ): Promise<{ partId: string; sku: string }> => {
    const sku = `P${randomBytes(4).toString('hex').toUpperCase()}`;
    const partId = await insertPart(t.su, t.fx.a.tenantId, { sku, unit, unit_cost: cost });
    for (const [bin, qty] of Object.entries(bins)) {
      await insertStock(t.su, t.fx.a.tenantId, partId, t.fx.a.warehouseId, {
        bin_location: bin,
        qty_on_hand: qty,
      });
    }
    for (const [userId, qty] of Object.entries(wallets))
      await insertWallet(t.su, t.fx.a.tenantId, userId, partId, { qty_held: qty });
    return { partId, sku };
  };

  /** What a bin of a warehouse (tenant A's unless given) holds, or null without a stock row. */
  const stockQty = async (
    partId: string,
    bin: string,
    locationId = t.fx.a.warehouseId,
  ): Promise<number | null> => {
    const { rows } = await t.su.query<{ q: number }>(
      'SELECT qty_on_hand::float8 AS q FROM inventory_stock WHERE part_id = $1 AND location_id = $2 AND bin_location = $3',
      [partId, locationId, bin],
    );
    return rows[0]?.q ?? null;
  };

  const walletQty = async (userId: string, partId: string): Promise<number | null> => {
    const { rows } = await t.su.query<{ q: number }>(
      'SELECT qty_held::float8 AS q FROM inventory_wallets WHERE user_id = $1 AND part_id = $2',
      [userId, partId],
    );
    return rows[0]?.q ?? null;
  };

  const movementsOf = async (envelope: Envelope): Promise<MovementRow[]> =>
    (
      await t.su.query<MovementRow>(
        `SELECT movement_type::text, part_id::text, location_id::text, bin_location, technician_id::text,
                wo_id::text, qty_delta::float8, qty_after::float8, wallet_qty_after::float8, unit_cost::float8,
                supplier_ref, reason, performed_by_user_id::text, station_id::text
           FROM stock_movements WHERE op_id = $1 ORDER BY bin_location, qty_delta`,
        [envelope.op_id],
      )
    ).rows;

  /** "action table by user at station" of the audit rows the operation's transaction wrote. */
  const auditOf = async (envelope: Envelope): Promise<string[]> =>
    (
      await t.su.query<{ line: string }>(
        `SELECT a.action || ' ' || a.entity_type || ' by ' || a.user_id || ' at ' || a.station_id AS line
           FROM audit_logs a JOIN op_ledger l ON l.txid = a.txid WHERE l.op_id = $1 ORDER BY 1`,
        [envelope.op_id],
      )
    ).rows.map((r) => r.line);

  const station = (): string => t.fx.a.station.id;
  const by = (userId: string): string => `by ${userId} at ${station()}`;

  return {
    newPart,
    stockQty,
    walletQty,
    movementsOf,
    auditOf,
    station,
    by,
    receive: (userId: string, lines: Json[], extra: Json = {}): Envelope =>
      op('stock.receive', userId, { lines, ...extra }),
    issue: (userId: string, fields: Json): Envelope =>
      op('wallet.issue', userId, { location_id: t.fx.a.warehouseId, technician_id: t.tech, ...fields }),
    returnOp: (partId: string, fields: Json = {}, userId = t.keeper): Envelope =>
      op('wallet.return', userId, {
        part_id: partId,
        technician_id: t.tech,
        location_id: t.fx.a.warehouseId,
        bin_location: 'R-01',
        qty: 1,
        ...fields,
      }),
    consumeOp: (woId: string, partId: string, fields: Json = {}, userId = t.keeper): Envelope =>
      op('wo.consume', userId, {
        wo_id: woId,
        part_id: partId,
        qty: 1,
        source: 'wallet',
        technician_id: t.tech,
        ...fields,
      }),
    countOp: (partId: string, fields: Json = {}, userId = t.keeper): Envelope =>
      op('stock.count', userId, {
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'C-01',
        counted_qty: 0,
        reason: 'Cycle count',
        ...fields,
      }),
    /** A work order of tenant A's unit asset in the given state. */
    workOrder: (status: WorkOrderStatus): Promise<string> => {
      const fields: Json = { status };
      if (status === 'closed') fields.closed_at = new Date().toISOString();
      return insertWorkOrder(t.su, t.fx.a.tenantId, t.fx.a.unitAssetId, fields);
    },
    setAgileMode: async (on: boolean): Promise<void> => {
      await t.su.query(
        `UPDATE tenants SET settings = settings || jsonb_build_object('agile_mode', $2::boolean) WHERE id = $1`,
        [t.fx.a.tenantId, on],
      );
    },
  };
}
