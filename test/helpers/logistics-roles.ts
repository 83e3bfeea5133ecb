// The role matrix samples of the logistics operation types (test/helpers/role-matrix.ts), one per
// type, for test/db/logistics/<type>.test.ts. Through amms_push (the push fixture's tenant A):
// station A at A's site sends trucks to A's other site and receives trucks a station of that other
// site sends; every sample is a part line, so the storekeeper's right to load and receive parts is
// what the matrix checks. On the station (the cache world of test/helpers/local-station.ts): a
// truck loading at SITE-1 for SITE-2 with 2 BOLT-M8 from A-01-01, and a truck from SITE-2 on its
// way to SITE-1 with 5 BOLT-M8 and seal KE-1.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { expect } from 'vitest';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { SubmitInput } from '../../src-main/ops/submit.ts';
import type { OperationType } from '../../src-preload/contract/operations.ts';
import { insertPart, insertStock } from './base-fixture.ts';
import type { LocalStation } from './local-station.ts';
import { bolt, otherSiteId, otherSiteWarehouseId, siteId, station, warehouseId } from './ops-test-ids.ts';
import type { Json, PushFixture } from './push-fixture.ts';
import type { RoleSamples } from './role-matrix.ts';

export type LogisticsType = Extract<OperationType, `shipment.${string}`>;

interface PushWorld {
  /** Station A's gate pass prefix, and the sending station of A's other site with its prefix. */
  prefixA: string;
  sender: pg.Client;
  senderPrefix: string;
  partId: string;
  /** A truck loading at A with 50 of the part on it (unload takes some off). */
  loading: string;
  /** A truck from the other site on its way to A with 50 of the part (receive takes some off). */
  coming: string;
}

const BIN = 'R-01';
const truckDetails = { vehicle_reg: 'KDA 123A', driver_name: 'Peter Otieno', driver_id_number: '22334455' };

/** The samples of every logistics type for one test file (its push fixture and local station). */
export function logisticsRoleSamples(t: PushFixture, s: LocalStation): (type: LogisticsType) => RoleSamples {
  let world: Promise<PushWorld> | undefined;
  let next = 0;
  const ref = (prefix: string): string => `GP-${prefix}-${String(++next).padStart(4, '0')}`;

  const pushed = async (client: pg.Client, type: string, payload: Json): Promise<Json> => {
    const result = await t.push(client, t.op(type, t.usersA.logistics_clerk, payload));
    expect(result, `${type} ${JSON.stringify(result)}`).toMatchObject({ outcome: 'applied' });
    return result.result ?? {};
  };

  /** A truck opened by the station's clerk with `qty` of the part from its site's warehouse. */
  const truck = async (
    client: pg.Client,
    prefix: string,
    partId: string,
    from: string,
    to: string,
    qty: number,
  ): Promise<string> => {
    const id = randomUUID();
    await pushed(client, 'shipment.open', {
      shipment_id: id,
      gate_pass_ref: ref(prefix),
      destination_id: to,
      ...truckDetails,
    });
    if (qty > 0)
      await pushed(client, 'shipment.load', {
        shipment_id: id,
        part_id: partId,
        location_id: from,
        bin_location: BIN,
        qty,
      });
    return id;
  };

  /** A truck from the other site, dispatched with seal `seal`, on its way to A. */
  const coming = async (
    w: Omit<PushWorld, 'loading' | 'coming'>,
    qty: number,
    seal: string,
  ): Promise<string> => {
    const id = await truck(w.sender, w.senderPrefix, w.partId, t.otherSiteA.warehouseId, t.fx.a.siteId, qty);
    await pushed(w.sender, 'shipment.dispatch', { shipment_id: id, seals: [seal] });
    return id;
  };

  const build = async (): Promise<PushWorld> => {
    const a = t.fx.a.tenantId;
    const partId = await insertPart(t.su, a, { name: 'Role matrix filter' });
    await insertStock(t.su, a, partId, t.fx.a.warehouseId, { bin_location: BIN, qty_on_hand: 1000 });
    await insertStock(t.su, a, partId, t.otherSiteA.warehouseId, { bin_location: BIN, qty_on_hand: 1000 });
    const prefixOf = async (id: string): Promise<string> =>
      (await t.su.query<{ p: string }>('SELECT gate_pass_prefix AS p FROM stations WHERE id = $1', [id]))
        .rows[0]?.p ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'amms-logistics-roles-'));
    try {
      await enrollStation({
        adminUrl: t.db.url,
        tenantSlug: t.fx.a.slug,
        siteCode: await t.codeOf(t.otherSiteA.siteId),
        dir,
        name: 'Gate of the other site',
      });
      const file = readStationFile(dir);
      t.dropRoleAtEnd(file.database.user);
      const sender = await t.connect(stationConnectionString(file));
      const w = {
        prefixA: await prefixOf(t.fx.a.station.id),
        sender,
        senderPrefix: await prefixOf(file.stationId),
        partId,
      };
      return {
        ...w,
        loading: await truck(t.stationA, w.prefixA, partId, t.fx.a.warehouseId, t.otherSiteA.siteId, 50),
        coming: await coming(w, 50, 'RM-0'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const getWorld = (): Promise<PushWorld> => (world ??= build());

  // The station's side ------------------------------------------------------------------------------

  const loadingHere = uuidv7();
  const comingHere = uuidv7();
  const stationWorld = (): void => {
    s.mirror('stations', {
      id: station.stationId,
      site_id: siteId,
      name: 'Gate 1',
      role_name: 'amms_st_x',
      enrolled_at: '2026-01-01',
      gate_pass_prefix: 'ST1',
    });
    const shipment = (id: string, ref: string, from: string, to: string, status: string): void => {
      s.mirror('shipments', {
        id,
        gate_pass_ref: ref,
        origin_location_id: from,
        destination_location_id: to,
        status,
        is_returnable: 0,
        vehicle_reg: 'KBZ 1',
        driver_name: 'Ali',
        dispatched_at: status === 'dispatched' ? '2026-11-25T06:00:00.000000Z' : null,
      });
    };
    shipment(loadingHere, 'GP-ST1-0001', siteId, otherSiteId, 'loading');
    shipment(comingHere, 'GP-ST2-0001', otherSiteId, siteId, 'dispatched');
    const line = (id: string, from: string, qty: number, status: string): void => {
      s.mirror('shipment_part_lines', {
        id: uuidv7(),
        shipment_id: id,
        part_id: bolt,
        source_location_id: from,
        source_bin: 'A-01-01',
        qty,
        received_qty: 0,
        status,
      });
    };
    line(loadingHere, warehouseId, 2, 'loaded');
    line(comingHere, otherSiteWarehouseId, 5, 'in_transit');
    s.mirror('shipment_seals', {
      id: uuidv7(),
      shipment_id: comingHere,
      seq: 1,
      seal_number: 'KE-1',
      sealed_at: '2026-11-25T06:00:00Z',
    });
  };
  const input = (type: LogisticsType, userId: string, payload: Json): SubmitInput => {
    stationWorld();
    return { type, userId, payload };
  };

  let seals = 0;
  const samples: Record<LogisticsType, Omit<RoleSamples, 'push' | 'station'>> = {
    'shipment.open': {
      envelope: async (userId) => {
        const { prefixA } = await getWorld();
        return t.op('shipment.open', userId, {
          shipment_id: randomUUID(),
          gate_pass_ref: ref(prefixA),
          destination_id: t.otherSiteA.siteId,
          ...truckDetails,
        });
      },
      input: (userId) => input('shipment.open', userId, { destination_id: otherSiteId, ...truckDetails }),
    },
    'shipment.load': {
      envelope: async (userId) => {
        const { loading, partId } = await getWorld();
        return t.op('shipment.load', userId, {
          shipment_id: loading,
          part_id: partId,
          location_id: t.fx.a.warehouseId,
          bin_location: BIN,
          qty: 1,
        });
      },
      input: (userId) =>
        input('shipment.load', userId, {
          shipment_id: loadingHere,
          part_id: bolt,
          location_id: warehouseId,
          bin_location: 'A-01-01',
          qty: 1,
        }),
    },
    'shipment.unload': {
      envelope: async (userId) => {
        const { loading, partId } = await getWorld();
        return t.op('shipment.unload', userId, {
          shipment_id: loading,
          part_id: partId,
          location_id: t.fx.a.warehouseId,
          bin_location: BIN,
          qty: 1,
        });
      },
      input: (userId) =>
        input('shipment.unload', userId, {
          shipment_id: loadingHere,
          part_id: bolt,
          location_id: warehouseId,
          bin_location: 'A-01-01',
          qty: 1,
        }),
    },
    'shipment.dispatch': {
      envelope: async (userId) => {
        const w = await getWorld();
        const id = await truck(t.stationA, w.prefixA, w.partId, t.fx.a.warehouseId, t.otherSiteA.siteId, 1);
        return t.op('shipment.dispatch', userId, { shipment_id: id, seals: [`RM-A${++seals}`] });
      },
      input: (userId) => input('shipment.dispatch', userId, { shipment_id: loadingHere, seals: ['KE-9'] }),
    },
    'shipment.cancel': {
      envelope: async (userId) => {
        const w = await getWorld();
        const id = await truck(t.stationA, w.prefixA, w.partId, t.fx.a.warehouseId, t.otherSiteA.siteId, 0);
        return t.op('shipment.cancel', userId, { shipment_id: id, reason: 'Truck broke down' });
      },
      input: (userId) =>
        input('shipment.cancel', userId, { shipment_id: loadingHere, reason: 'Truck broke down' }),
    },
    'shipment.receive': {
      envelope: async (userId) => {
        const w = await getWorld();
        return t.op('shipment.receive', userId, {
          shipment_id: w.coming,
          part_id: w.partId,
          location_id: t.fx.a.warehouseId,
          bin_location: 'IN-01',
          qty: 1,
        });
      },
      input: (userId) =>
        input('shipment.receive', userId, {
          shipment_id: comingHere,
          part_id: bolt,
          location_id: warehouseId,
          bin_location: 'A-01-02',
          qty: 1,
        }),
    },
    'shipment.finish_receipt': {
      envelope: async (userId) => {
        const seal = `RM-B${++seals}`;
        const id = await coming(await getWorld(), 1, seal);
        return t.op('shipment.finish_receipt', userId, {
          shipment_id: id,
          seals: [{ seal_number: seal, result: 'intact' }],
        });
      },
      input: (userId) =>
        input('shipment.finish_receipt', userId, {
          shipment_id: comingHere,
          seals: [{ seal_number: 'KE-1', result: 'intact' }],
        }),
    },
  };

  return (type) => ({ push: t, station: s, ...samples[type] });
}
