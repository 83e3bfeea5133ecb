// What the server tests of the maintenance operations (test/db/maintenance/<type>.test.ts) share on
// top of the push fixture (test/helpers/push-fixture.ts): new metered assets of tenant A, envelopes
// of daily logs and meter readings done by tenant A's supervisor, and what the meters and logs say.
import { insertAsset, insertAssetIdentity, insertAssetMeter, insertRow } from './base-fixture.ts';
import type { Envelope, Json, PushFixture } from './push-fixture.ts';

export interface MaintenancePush {
  /** A new loader of tenant A at its site: client code, a 300 L tank, a meter at 2,000 h. */
  newLoader: (code: string, fields?: Json) => Promise<string>;
  /** A new excavator of tenant A at its site with a client code and the given meter. */
  newAsset: (code: string, meter?: Json) => Promise<string>;
  /** daily_log.record by tenant A's supervisor. */
  record: (assetId: string, date: string, hours: number, fuel: number, extra?: Json) => Envelope;
  /** meter.reading by tenant A's supervisor. */
  reading: (assetId: string, readAt: string, value: number, extra?: Json) => Envelope;
  meterHours: (assetId: string) => Promise<number>;
  meter: (assetId: string) => Promise<{ hours: number; km: number | null }>;
  /** The logs of an asset and day: id, hours (h), fuel (f), notes, anomalies. */
  logOf: (assetId: string, date: string) => Promise<Json[]>;
}

export function maintenancePush(t: PushFixture): MaintenancePush {
  const newAsset = async (code: string, meter: Json = { current_run_hours: 1000 }): Promise<string> => {
    const assetId = await insertAsset(t.su, t.fx.a.tenantId, t.fx.a.buildingId, {
      name: `Excavator ${code}`,
    });
    await insertAssetIdentity(t.su, t.fx.a.tenantId, assetId, { client_code: code });
    await insertAssetMeter(t.su, t.fx.a.tenantId, assetId, meter);
    return assetId;
  };
  const meter = async (assetId: string): Promise<{ hours: number; km: number | null }> => {
    const { rows } = await t.su.query<{ hours: number; km: number | null }>(
      'SELECT current_run_hours::float8 AS hours, current_odometer::float8 AS km FROM asset_meters WHERE asset_id = $1',
      [assetId],
    );
    const row = rows[0];
    if (!row) throw new Error('no meter');
    return row;
  };
  return {
    newLoader: async (code, fields = {}) => {
      const assetId = await insertAsset(t.su, t.fx.a.tenantId, t.fx.a.buildingId, {
        name: `Loader ${code}`,
        ...fields,
      });
      await insertAssetIdentity(t.su, t.fx.a.tenantId, assetId, { client_code: code });
      await insertAssetMeter(t.su, t.fx.a.tenantId, assetId, { current_run_hours: 2000 });
      await insertRow(t.su, 'asset_specs', {
        tenant_id: t.fx.a.tenantId,
        asset_id: assetId,
        specs: { fuel_tank_litres: 300 },
      });
      return assetId;
    },
    newAsset,
    record: (assetId, date, hours, fuel, extra = {}) =>
      t.op('daily_log.record', t.usersA.supervisor, {
        asset_id: assetId,
        date,
        run_hours_added: hours,
        fuel_liters_added: fuel,
        ...extra,
      }),
    reading: (assetId, readAt, value, extra = {}) =>
      t.op('meter.reading', t.usersA.supervisor, {
        asset_id: assetId,
        read_at: readAt,
        reading: value,
        ...extra,
      }),
    meterHours: async (assetId) => (await meter(assetId)).hours,
    meter,
    logOf: async (assetId, date) =>
      (
        await t.su.query<Json>(
          `SELECT id::text, run_hours_added::float8 AS h, fuel_liters_added::float8 AS f, notes, anomalies
             FROM daily_logs WHERE asset_id = $1 AND date = $2`,
          [assetId, date],
        )
      ).rows,
  };
}
