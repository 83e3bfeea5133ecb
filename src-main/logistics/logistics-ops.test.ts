// The logistics operations on the station, queued with submitOperation against a real SQLite
// station cache in a temporary folder (mirror rows written as the sync engine would have left
// them): codes resolved to ids before queueing, gate pass references made by the station, the
// checks against the cache plus what is already queued (another truck loaded offline counts), with
// the server's codes and messages, and what the Shipments, Load and Receive screens read back
// (pending trucks, lines, state changes, receipts, discrepancies found by a finish).
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { NOW, otherSiteId, station, users, warehouseId } from '../../test/helpers/ops-test-ids.ts';
import { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import { pendingDelta, stockKey } from '../ops/overlay.ts';
import { submitOperation } from '../ops/submit.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import { addIncomingTruck, CARGO, openLogisticsCache } from '../../test/helpers/logistics-cache.ts';
import { shipmentDetail } from './reads/shipment-detail.ts';
import { shipmentsList } from './reads/shipments-list.ts';

let dir: string;
let cache: StationCache;

const { unit, engine, turbo, loose, away, filter } = CARGO;

beforeEach(() => {
  ({ dir, cache } = openLogisticsCache('amms-logistics-'));
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(type: string, payload: unknown, role: UserRole = 'logistics_clerk') {
  return submitOperation(STATION_OPERATIONS, cache, station, { type, userId: users[role], payload }, NOW);
}

function refused(
  type: string,
  payload: unknown,
  code: string,
  message: string | RegExp,
  role: UserRole = 'logistics_clerk',
): void {
  let caught: unknown;
  try {
    submit(type, payload, role);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OpError);
  expect((caught as OpError).code).toBe(code);
  if (typeof message === 'string') expect((caught as OpError).message).toBe(message);
  else expect((caught as OpError).message).toMatch(message);
}

const truckDetails = { vehicle_reg: 'kda  123a', driver_name: 'Peter Otieno', driver_id_number: '22334455' };

function open(extra: Record<string, unknown> = {}): { id: string; ref: string } {
  const id = uuidv7();
  submit('shipment.open', { shipment_id: id, destination: 'acme-msa', ...truckDetails, ...extra });
  const detail = shipmentDetail(cache.reader, station, id, NOW);
  return { id, ref: detail.shipment.gate_pass_ref };
}

function queuedPayload(): Record<string, unknown> {
  const row = cache.reader
    .prepare('SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get() as string;
  return JSON.parse(row) as Record<string, unknown>;
}

describe('shipment.open on the station', () => {
  it('makes the next gate pass of its prefix, resolves the destination code and queues ids only', () => {
    const first = open();
    expect(first.ref).toBe('GP-NBO1-0008');
    expect(queuedPayload()).toEqual({
      shipment_id: first.id,
      gate_pass_ref: 'GP-NBO1-0008',
      destination_id: otherSiteId,
      vehicle_reg: 'KDA 123A',
      driver_name: 'Peter Otieno',
      driver_id_number: '22334455',
    });
    expect(open().ref).toBe('GP-NBO1-0009');
    const list = shipmentsList(cache.reader, station, NOW);
    expect(list.outgoing.map((s) => [s.gate_pass_ref, s.status, s.pending, s.destination_code])).toEqual([
      ['GP-NBO1-0009', 'loading', true, 'ACME-MSA'],
      ['GP-NBO1-0008', 'loading', true, 'ACME-MSA'],
    ]);
  });

  it('refuses its own site, an unknown code, a reference of another prefix or one already used', () => {
    refused(
      'shipment.open',
      { destination: 'NBO-WH1', ...truckDetails },
      'same_site',
      'NBO-WH1 is at this site; a truck goes to another site.',
    );
    refused(
      'shipment.open',
      { destination: 'ACME-XYZ', ...truckDetails },
      'unknown_code',
      'ACME-XYZ is not a site this station knows.',
    );
    refused(
      'shipment.open',
      { destination: 'ACME-MSA', gate_pass_ref: 'GP-MSA1-0001', ...truckDetails },
      'invalid_gate_pass',
      'GP-MSA1-0001 is not a gate pass reference of this station; its references are GP-NBO1-0001, GP-NBO1-0002 and so on.',
    );
    refused(
      'shipment.open',
      { destination: 'ACME-MSA', gate_pass_ref: 'GP-NBO1-0007', ...truckDetails },
      'gate_pass_taken',
      'Gate pass GP-NBO1-0007 is already used by another shipment.',
    );
    refused(
      'shipment.open',
      { destination: 'ACME-MSA', ...truckDetails, vehicle_reg: 'K_1' },
      'invalid_input',
      /^Vehicle must be a registration/,
    );
    refused(
      'shipment.open',
      { destination: 'ACME-MSA', ...truckDetails },
      'forbidden',
      'Sam Keeper (storekeeper) is not allowed to do this.',
      'storekeeper',
    );
  });
});

describe('shipment.load and unload on the station', () => {
  it('loads a unit by its code with its components, shown at once; scanned twice is refused', () => {
    const t = open();
    submit('shipment.load', { gate_pass_ref: t.ref, asset: 'ex-101' });
    expect(queuedPayload()).toEqual({ shipment_id: t.id, asset_id: unit });
    const detail = shipmentDetail(cache.reader, station, t.id, NOW);
    expect(detail.assets.map((a) => [a.code, a.parent_asset_id, a.status, a.pending])).toEqual([
      ['EX-101', null, 'loaded', true],
      ['ENG-5', unit, 'loaded', true],
      ['TRB-1', engine, 'loaded', true],
    ]);
    refused(
      'shipment.load',
      { shipment_id: t.id, asset_id: unit },
      'scanned_twice',
      `EX-101 is already on this truck (${t.ref}).`,
    );
    refused(
      'shipment.load',
      { shipment_id: t.id, asset_id: turbo },
      'scanned_twice',
      `TRB-1 is already on this truck (${t.ref}) with its unit ENG-5.`,
    );
  });

  it('knows a truck loaded offline: the same asset on another truck, or its component, is refused', () => {
    const a = open();
    const b = open();
    submit('shipment.load', { shipment_id: a.id, asset_id: engine });
    refused(
      'shipment.load',
      { shipment_id: b.id, asset_id: engine },
      'already_on_shipment',
      `ENG-5 is already on ${a.ref} loading at ACME-NBO.`,
    );
    refused(
      'shipment.load',
      { shipment_id: b.id, asset_id: unit },
      'already_on_shipment',
      `EX-101's component ENG-5 is already on ${a.ref} loading at ACME-NBO.`,
    );
    expect(shipmentDetail(cache.reader, station, a.id, NOW).assets[0]).toMatchObject({
      code: 'ENG-5',
      leaves_parent_code: 'EX-101',
    });
    // Unloaded, it may go on the other truck.
    submit('shipment.unload', { shipment_id: a.id, asset: 'ENG-5' });
    submit('shipment.load', { shipment_id: b.id, asset_id: unit });
    expect(shipmentDetail(cache.reader, station, a.id, NOW).assets).toEqual([]);
    refused(
      'shipment.unload',
      { shipment_id: b.id, asset_id: engine },
      'loaded_with_unit',
      'ENG-5 is loaded with its unit EX-101; unload EX-101 to take it off.',
    );
  });

  it('refuses assets of another site, disposed ones, and assets to a storekeeper (parts are fine)', () => {
    const t = open();
    refused(
      'shipment.load',
      { shipment_id: t.id, asset_id: away },
      'asset_other_site',
      'EX-900 is at ACME-MSA, not at this site (ACME-NBO).',
    );
    refused(
      'shipment.load',
      { shipment_id: t.id, asset: 'NOPE-1' },
      'unknown_code',
      'NOPE-1 is not an asset this station knows.',
    );
    refused(
      'shipment.load',
      { shipment_id: t.id, asset_id: loose },
      'forbidden',
      'Sam Keeper (storekeeper) loads parts only; assets are loaded by a logistics clerk.',
      'storekeeper',
    );
    submit(
      'shipment.load',
      { shipment_id: t.id, part: 'FLT-100', warehouse: 'NBO-WH1', bin_location: 'a-01', qty: 4 },
      'storekeeper',
    );
    expect(queuedPayload()).toEqual({
      shipment_id: t.id,
      part_id: filter,
      location_id: warehouseId,
      bin_location: 'A-01',
      qty: 4,
    });
  });

  it('counts parts loaded on any truck against the bin, and a line grows with the same part and bin', () => {
    const a = open();
    const b = open();
    const load = (id: string, qty: number) =>
      submit('shipment.load', {
        shipment_id: id,
        part_id: filter,
        location_id: warehouseId,
        bin_location: 'A-01',
        qty,
      });
    load(a.id, 3);
    load(a.id, 4);
    expect(shipmentDetail(cache.reader, station, a.id, NOW).parts).toMatchObject([
      { sku: 'FLT-100', qty: 7, pending: true },
    ]);
    refused(
      'shipment.load',
      { shipment_id: b.id, part_id: filter, location_id: warehouseId, bin_location: 'A-01', qty: 4 },
      'insufficient_stock',
      'Only 3 of FLT-100 free in bin A-01 (7 more already loaded on trucks); cannot load 4.',
    );
    refused(
      'shipment.unload',
      { shipment_id: a.id, part_id: filter, location_id: warehouseId, bin_location: 'A-01', qty: 8 },
      'invalid_quantity',
      `Only 7 of FLT-100 from bin A-01 are on ${a.ref}; cannot unload 8.`,
    );
    submit('shipment.unload', {
      shipment_id: a.id,
      part_id: filter,
      location_id: warehouseId,
      bin_location: 'A-01',
      qty: 2,
    });
    load(b.id, 5);
  });
});

describe('shipment.dispatch and cancel on the station', () => {
  it('shows the truck dispatched at once, the parts out of the bin; a cancel after it is refused', () => {
    const t = open();
    refused(
      'shipment.dispatch',
      { shipment_id: t.id, seals: ['S-1'] },
      'empty_shipment',
      `${t.ref} has nothing loaded; load at least one asset or part before dispatching.`,
    );
    submit('shipment.load', { shipment_id: t.id, asset_id: unit });
    submit('shipment.load', {
      shipment_id: t.id,
      part_id: filter,
      location_id: warehouseId,
      bin_location: 'A-01',
      qty: 6,
    });
    refused(
      'shipment.dispatch',
      { shipment_id: t.id, seals: [] },
      'invalid_input',
      /^Seals needs at least one seal number/,
    );
    submit('shipment.dispatch', { gate_pass_ref: t.ref, seals: [' ke-1 ', 'KE-2'] });
    expect(queuedPayload()).toEqual({ shipment_id: t.id, seals: ['KE-1', 'KE-2'] });
    expect(pendingDelta(cache.reader, 'stock', stockKey(filter, warehouseId, 'A-01'))).toBe(-6);
    const detail = shipmentDetail(cache.reader, station, t.id, NOW);
    expect(detail.shipment).toMatchObject({ status: 'dispatched', pending: true, seals: 2, can_load: false });
    expect(detail.assets.every((a) => a.status === 'in_transit')).toBe(true);
    expect(detail.seals.map((s) => s.seal_number)).toEqual(['KE-1', 'KE-2']);
    refused(
      'shipment.cancel',
      { shipment_id: t.id },
      'already_dispatched',
      `${t.ref} was already dispatched by Lee Clerk; it can no longer be cancelled.`,
      'supervisor',
    );
    // Dispatched parts left the bin: another truck cannot have them.
    const next = open();
    refused(
      'shipment.load',
      { shipment_id: next.id, part_id: filter, location_id: warehouseId, bin_location: 'A-01', qty: 5 },
      'insufficient_stock',
      'Only 4 of FLT-100 left in bin A-01; cannot load 5.',
    );
  });

  it('cancels a loading truck; its assets are free again', () => {
    const t = open();
    submit('shipment.load', { shipment_id: t.id, asset_id: loose });
    submit('shipment.cancel', { shipment_id: t.id, reason: 'Truck broke down' });
    expect(shipmentsList(cache.reader, station, NOW).outgoing.find((s) => s.id === t.id)).toBeUndefined();
    const other = open();
    submit('shipment.load', { shipment_id: other.id, asset_id: loose });
  });
});

describe('receiving a truck on the station', () => {
  const truck = uuidv7();
  const unitMove = uuidv7();

  beforeEach(() => {
    addIncomingTruck(cache, truck, unitMove);
  });

  it('receives a unit with its component, an extra and parts beyond the manifest; finishing shows what is missing', () => {
    expect(
      shipmentsList(cache.reader, station, NOW).incoming.map((s) => [
        s.gate_pass_ref,
        s.status,
        s.assets,
        s.part_lines,
        s.seals,
      ]),
    ).toEqual([['GP-MSA1-0012', 'dispatched', 2, 1, 2]]);
    submit('shipment.receive', {
      gate_pass_ref: 'GP-MSA1-0012',
      asset: 'EX-101',
      condition: 'damaged',
      note: 'Dented',
    });
    refused(
      'shipment.receive',
      { shipment_id: truck, asset_id: engine },
      'scanned_twice',
      'ENG-5 was already received from GP-MSA1-0012 with its unit EX-101.',
    );
    submit('shipment.receive', { shipment_id: truck, asset_id: loose });
    submit('shipment.receive', {
      shipment_id: truck,
      part_id: filter,
      qty: 7,
      location_id: warehouseId,
      bin_location: 'R-1',
    });
    expect(pendingDelta(cache.reader, 'stock', stockKey(filter, warehouseId, 'R-1'))).toBe(7);
    refused(
      'shipment.receive',
      { shipment_id: truck, part_id: filter, qty: 1, location_id: warehouseId, bin_location: 'QUARANTINE' },
      'quarantine_bin',
      'Bin QUARANTINE is for damaged parts; mark them damaged or choose another bin.',
    );
    let detail = shipmentDetail(cache.reader, station, truck, NOW);
    expect(detail.assets.map((a) => [a.code, a.status])).toEqual([
      ['EX-101', 'received'],
      ['ENG-5', 'received'],
      ['GEN-7', 'extra'],
    ]);
    expect(detail.parts).toMatchObject([{ qty: 5, received_qty: 5 }]);
    expect(detail.discrepancies.map((d) => d.text)).toEqual([
      'EX-101 damaged',
      'GEN-7 came off but was not on the manifest',
      '2 x FLT-100 more than the manifest',
    ]);
    refused(
      'shipment.finish_receipt',
      { shipment_id: truck, seals: [{ seal_number: 'KE-1', result: 'intact' }] },
      'seal_not_checked',
      'Check seal KE-2 before finishing.',
    );
    refused(
      'shipment.finish_receipt',
      { shipment_id: truck, seals: [{ seal_number: 'KE-9', result: 'intact' }] },
      'unknown_seal',
      'Seal KE-9 is not on GP-MSA1-0012 (its seals: KE-1, KE-2).',
    );
    submit('shipment.finish_receipt', {
      shipment_id: truck,
      seals: [
        { seal_number: 'KE-1', result: 'intact' },
        { seal_number: 'KE-2', result: 'broken' },
      ],
    });
    detail = shipmentDetail(cache.reader, station, truck, NOW);
    expect(detail.shipment.status).toBe('received_with_discrepancies');
    expect(detail.discrepancies.map((d) => d.text)).toContain('Seal KE-2 broken');
  });

  it('shows every line by the codes and names people know, and a queued scan keeps the time it was made', () => {
    submit('shipment.receive', {
      shipment_id: truck,
      asset_id: loose,
      condition: 'damaged',
      note: 'Cracked',
    });
    submit('shipment.receive', {
      shipment_id: truck,
      part_id: filter,
      qty: 2,
      location_id: warehouseId,
      bin_location: 'R-1',
    });
    const first = shipmentDetail(cache.reader, station, truck, NOW);
    expect(first.assets.map((a) => [a.code, a.name, a.status, a.condition])).toEqual([
      ['EX-101', 'Machine EX-101', 'in_transit', null],
      ['ENG-5', 'Machine ENG-5', 'in_transit', null],
      ['GEN-7', 'Machine GEN-7', 'extra', 'damaged'],
    ]);
    expect(
      first.parts.map((p) => [p.sku, p.name, p.unit, p.source_code, p.source_bin, p.received_qty]),
    ).toEqual([['FLT-100', 'Filter', 'piece', 'MSA-WH1', 'B-01', 2]]);
    expect(first.shipment.origin_name).not.toBe('?');
    expect(first.receipts.map((r) => [r.code, r.name, r.bin, r.pending, r.received_at])).toEqual([
      ['GEN-7', 'Machine GEN-7', null, true, NOW.toISOString()],
      ['FLT-100', 'Filter', 'R-1', true, NOW.toISOString()],
    ]);
    // (The fixture's part line has no load time of its own, so it sorts first.)
    expect(first.history.map((e) => e.what)).toEqual([
      'Loaded 5 x FLT-100 from B-01',
      'Opened for ACME-NBO',
      'Loaded EX-101 with 1 component',
      'Dispatched, sealed KE-1, KE-2',
      'Receive GEN-7 (damaged) off GP-MSA1-0012',
      'Receive 2 x FLT-100 off GP-MSA1-0012 into R-1',
    ]);
    // Read again later: the queued scans keep their time (the screen keeps their rows).
    const later = shipmentDetail(cache.reader, station, truck, new Date(NOW.getTime() + 60_000));
    expect(later.receipts.map((r) => r.received_at)).toEqual(first.receipts.map((r) => r.received_at));
    // The scan-by-scan screens' read leaves the history out and nothing else.
    const withoutHistory = shipmentDetail(cache.reader, station, truck, NOW, false);
    expect(withoutHistory.history).toEqual([]);
    expect({ ...withoutHistory, history: first.history }).toEqual(first);
  });

  it('refuses a truck for another site, one not dispatched, and one another station is receiving', () => {
    const t = open();
    refused(
      'shipment.receive',
      { shipment_id: t.id, asset_id: unit },
      'wrong_site',
      `${t.ref} is going to ACME-MSA, not to this site (ACME-NBO).`,
    );
    cache.writer
      .prepare(
        `UPDATE shipments SET receiving_station_id = ?, receiving_started_at = '2026-11-25' WHERE id = ?`,
      )
      .run(uuidv7(), truck);
    refused(
      'shipment.receive',
      { shipment_id: truck, asset_id: unit },
      'receiving_elsewhere',
      'GP-MSA1-0012 is being received at another station by someone; finish it there.',
    );
  });
});
