// Trucks between sites and what each site's station holds of them (src-main/cache/sync-scope.ts,
// ADR 0010): the destination's stations see a truck coming, with its manifest (asset movements,
// part lines) and seals, as soon as it is opened for them; the sending site's stations see what
// the destination received and every discrepancy; a third site sees none of it; a truck
// redirected to another destination takes all of it along, also when the redirect commits out of
// order. The operations are pushed through amms_push as each station's own role, as its push does.
// After each step every mirror table equals the server's rows for the station's scope.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSyncWorld,
  expectStationMatchesServer,
  type Station,
  type SyncWorld,
} from '../helpers/sync-harness.ts';

type Json = Record<string, unknown>;

const SHIPMENT_TABLES = [
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
];

let world: SyncWorld;
let nbo: Station;
let msa: Station;
let kwl: Station;
let clerkNbo: string;
let clerkMsa: string;

beforeAll(async () => {
  world = await createSyncWorld();
  nbo = await world.enroll({ siteCode: 'ACME-NBO' });
  msa = await world.enroll({ siteCode: 'ACME-MSA' });
  kwl = await world.enroll({ siteCode: 'ACME-KWL' });
  for (const station of [nbo, msa, kwl]) await station.syncOnce();
  clerkNbo = await userOf('ACME-NBO', 'logistics_clerk');
  clerkMsa = await userOf('ACME-MSA', 'logistics_clerk');
});

afterAll(async () => {
  await world.close();
});

async function userOf(site: string, role: string): Promise<string> {
  const { rows } = await world.admin.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN locations l ON l.id = u.site_id WHERE l.code = $1 AND u.role = $2 ORDER BY u.id LIMIT 1`,
    [site, role],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no ${role} at ${site}`);
  return id;
}

async function locationId(code: string): Promise<string> {
  const { rows } = await world.admin.query<{ id: string }>('SELECT id FROM locations WHERE code = $1', [
    code,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no location ${code}`);
  return id;
}

let seq = 0;

/** Pushes an operation as the station's own role; it must be applied. */
async function push(station: Station, type: string, userId: string, payload: Json): Promise<Json> {
  const client = await station.connect();
  try {
    seq += 1;
    const { rows } = await client.query<{ r: Json }>('SELECT amms_push(1, $1::jsonb) AS r', [
      JSON.stringify({ op_id: randomUUID(), type, user_id: userId, seq, payload }),
    ]);
    expect(rows[0]?.r, JSON.stringify(rows[0]?.r)).toMatchObject({ outcome: 'applied' });
    return (rows[0]?.r.result ?? {}) as Json;
  } finally {
    await client.end();
  }
}

/** The next gate pass reference of the station, as the station would make it. */
async function nextRef(station: Station): Promise<string> {
  const { rows } = await world.admin.query<{ prefix: string; n: number }>(
    `SELECT s.gate_pass_prefix AS prefix,
            coalesce(max(substring(x.gate_pass_ref FROM '-([0-9]+)$')::int), 0) + 1 AS n
       FROM stations s LEFT JOIN shipments x ON x.gate_pass_ref LIKE 'GP-' || s.gate_pass_prefix || '-%'
      WHERE s.id = $1 GROUP BY s.gate_pass_prefix`,
    [station.file.stationId],
  );
  const row = rows[0];
  if (!row) throw new Error('station without a prefix');
  return `GP-${row.prefix}-${String(row.n).padStart(4, '0')}`;
}

/** A unit at NBO's yard with two components, and a part with 10 pieces in a bin of NBO's stores. */
async function cargo(): Promise<{
  unit: string;
  components: string[];
  part: string;
  warehouse: string;
  bin: string;
}> {
  const tenant = nbo.file.tenantId;
  const yard = await locationId('ACME-NBO-YARD');
  const warehouse = await locationId('ACME-NBO-WH1');
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const asset = async (name: string, parent: string | null): Promise<string> => {
    const { rows } = await world.admin.query<{ id: string }>(
      'INSERT INTO assets (tenant_id, parent_id, location_id, name) VALUES ($1, $2, $3, $4) RETURNING id',
      [tenant, parent, yard, name],
    );
    return rows[0]?.id ?? '';
  };
  const unit = await asset(`Excavator ${tag}`, null);
  const components = [await asset(`Engine ${tag}`, unit), await asset(`Bucket ${tag}`, unit)];
  const { rows: parts } = await world.admin.query<{ id: string }>(
    `INSERT INTO parts (tenant_id, sku, name) VALUES ($1, $2, 'Hydraulic filter') RETURNING id`,
    [tenant, `HF-${tag}`],
  );
  const part = parts[0]?.id ?? '';
  await world.admin.query(
    `INSERT INTO inventory_stock (tenant_id, part_id, location_id, bin_location, qty_on_hand) VALUES ($1, $2, $3, 'B-02-01', 10)`,
    [tenant, part, warehouse],
  );
  return { unit, components, part, warehouse, bin: 'B-02-01' };
}

async function dispatchedTruck(
  to: string,
): Promise<{ id: string; ref: string; load: Awaited<ReturnType<typeof cargo>> }> {
  const id = randomUUID();
  const ref = await nextRef(nbo);
  const load = await cargo();
  await push(nbo, 'shipment.open', clerkNbo, {
    shipment_id: id,
    gate_pass_ref: ref,
    destination_id: await locationId(to),
    vehicle_reg: 'KDD 410M',
    driver_name: 'Kamau Njoroge',
    driver_id_number: '28990011',
  });
  await push(nbo, 'shipment.load', clerkNbo, { shipment_id: id, asset_id: load.unit });
  await push(nbo, 'shipment.load', clerkNbo, {
    shipment_id: id,
    part_id: load.part,
    location_id: load.warehouse,
    bin_location: load.bin,
    qty: 4,
  });
  await push(nbo, 'shipment.dispatch', clerkNbo, { shipment_id: id, seals: ['KE-1001', 'KE-1002'] });
  return { id, ref, load };
}

/** How many rows of the shipment each station holds, per table. */
function held(station: Station, shipmentId: string): Record<string, number> {
  const counts: Record<string, number> = {
    shipments: station.cache.reader
      .prepare('SELECT count(*) FROM shipments WHERE id = ?')
      .pluck()
      .get(shipmentId) as number,
    asset_movements: station.cache.reader
      .prepare('SELECT count(*) FROM asset_movements WHERE shipment_id = ?')
      .pluck()
      .get(shipmentId) as number,
  };
  for (const table of SHIPMENT_TABLES)
    counts[table] = station.cache.reader
      .prepare(`SELECT count(*) FROM "${table}" WHERE shipment_id = ?`)
      .pluck()
      .get(shipmentId) as number;
  return counts;
}

async function onServer(shipmentId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, column] of [
    ['shipments', 'id'],
    ['asset_movements', 'shipment_id'],
    ...SHIPMENT_TABLES.map((t) => [t, 'shipment_id']),
  ] as [string, string][]) {
    const { rows } = await world.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
      [shipmentId],
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

const NOTHING = Object.fromEntries(['shipments', 'asset_movements', ...SHIPMENT_TABLES].map((t) => [t, 0]));

async function syncAll(): Promise<void> {
  for (const station of [nbo, msa, kwl]) await station.syncOnce();
}

describe('a truck between two sites', () => {
  it('is seen coming with its manifest and seals at the destination, its receipt and discrepancies at the sending site, and nowhere else', async () => {
    const truck = await dispatchedTruck('ACME-MSA');
    await syncAll();
    const sent = await onServer(truck.id);
    expect(sent).toMatchObject({
      shipments: 1,
      asset_movements: 1 + truck.load.components.length,
      shipment_part_lines: 1,
      shipment_seals: 2,
    });
    expect(held(msa, truck.id)).toEqual(sent);
    expect(held(nbo, truck.id)).toEqual(sent);
    expect(held(kwl, truck.id)).toEqual(NOTHING);
    // The units show as in transit everywhere (the asset register is at every station).
    for (const station of [nbo, msa, kwl]) {
      expect(
        station.cache.reader.prepare('SELECT status FROM assets WHERE id = ?').pluck().get(truck.load.unit),
      ).toBe('in_transit');
    }

    // MSA receives: the unit damaged, part of the parts, an asset that was not on the manifest,
    // and one broken seal.
    const stowaway = (await cargo()).unit;
    const warehouse = await locationId('ACME-MSA-WH1');
    await push(msa, 'shipment.receive', clerkMsa, {
      shipment_id: truck.id,
      asset_id: truck.load.unit,
      condition: 'damaged',
      note: 'Boom cylinder leaking',
    });
    await push(msa, 'shipment.receive', clerkMsa, {
      shipment_id: truck.id,
      part_id: truck.load.part,
      qty: 3,
      location_id: warehouse,
      bin_location: 'A-01-01',
    });
    await push(msa, 'shipment.receive', clerkMsa, { shipment_id: truck.id, asset_id: stowaway });
    const finished = await push(msa, 'shipment.finish_receipt', clerkMsa, {
      shipment_id: truck.id,
      seals: [
        { seal_number: 'KE-1001', result: 'intact' },
        { seal_number: 'KE-1002', result: 'broken' },
      ],
    });
    expect(finished.status).toBe('received_with_discrepancies');
    await syncAll();
    const received = await onServer(truck.id);
    expect(received.shipment_discrepancies).toBe(4); // damaged, extra, 1 part missing, seal broken
    expect(held(nbo, truck.id)).toEqual(received);
    expect(held(msa, truck.id)).toEqual(received);
    expect(held(kwl, truck.id)).toEqual(NOTHING);
    expect(nbo.cache.reader.prepare('SELECT status FROM shipments WHERE id = ?').pluck().get(truck.id)).toBe(
      'received_with_discrepancies',
    );
    // The parts left NBO's bin and arrived in MSA's: each site's station has its side of the history.
    const history = (station: Station): string[] =>
      station.cache.reader
        .prepare('SELECT movement_type FROM stock_movements WHERE shipment_id = ? ORDER BY movement_type')
        .pluck()
        .all(truck.id) as string[];
    expect(history(nbo)).toEqual(['dispatch']);
    expect(history(msa)).toEqual(['arrival']);
    for (const station of [nbo, msa, kwl]) await expectStationMatchesServer(station);
  });

  it('redirected to another destination, takes its manifest, seals and receipt along, also when the redirect commits out of order', async () => {
    const truck = await dispatchedTruck('ACME-MSA');
    await syncAll();
    expect(held(msa, truck.id).shipment_seals).toBe(2);
    const kwlSite = await locationId('ACME-KWL');

    const mover = await world.adminClient();
    try {
      await mover.query('BEGIN');
      await mover.query('SELECT pg_current_xact_id()');
      await mover.query('UPDATE shipments SET destination_location_id = $2 WHERE id = $1', [
        truck.id,
        kwlSite,
      ]);
      await mover.query('UPDATE asset_movements SET to_location_id = $2 WHERE shipment_id = $1', [
        truck.id,
        kwlSite,
      ]);
      // A later transaction touches the truck's seals and commits first; both sites pull meanwhile.
      await world.admin.query(
        `UPDATE shipment_seals SET sealed_at = sealed_at - interval '1 minute' WHERE shipment_id = $1`,
        [truck.id],
      );
      await syncAll();
      expect(held(msa, truck.id).shipment_seals).toBe(2);
      expect(held(kwl, truck.id)).toEqual(NOTHING);
      await mover.query('COMMIT');
    } finally {
      await mover.end();
    }
    await syncAll();
    const server = await onServer(truck.id);
    expect(held(kwl, truck.id)).toEqual(server);
    expect(held(msa, truck.id)).toEqual(NOTHING);
    expect(held(nbo, truck.id)).toEqual(server);
    for (const station of [nbo, msa, kwl]) await expectStationMatchesServer(station);
  });
});
