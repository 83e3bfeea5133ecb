// meter.replace, the one test file of the operation type: through amms_push a replaced hour meter
// or odometer with a reason, after the meter's last reading, keeping the asset's total continuous
// (old final + offset before = new start + offset after), the new meter's readings on that total
// and back-dated readings of the old meter in its own terms; the constraints that hold the same for
// writes outside the operation; and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { maintenancePush } from '../../helpers/maintenance-push.ts';
import { generator } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Envelope, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const m = maintenancePush(t);
const s = useLocalStation();

describe('meter.replace', () => {
  let gen: string;
  beforeAll(async () => {
    gen = await m.newAsset('GEN-901', { current_run_hours: 5000 });
    await t.expectApplied(m.reading(gen, '2025-05-01T10:00Z', 5000));
  });

  const replace = (fields: Json): Envelope =>
    t.op('meter.replace', t.usersA.supervisor, {
      asset_id: gen,
      replaced_at: '2025-05-02T10:00Z',
      old_final_reading: 5012,
      new_start_reading: 0,
      reason: 'Hour meter stopped; new meter fitted',
      ...fields,
    });

  it('needs a reason and must come after the last reading', async () => {
    await t.expectRejected(replace({ reason: ' ' }), 'missing_reason', 'A meter replacement needs a reason.');
    await t.expectRejected(
      replace({ replaced_at: '2025-05-01T09:00Z' }),
      'replacement_out_of_order',
      'A meter replacement must come after the last reading of the meter (5,000 h on 2025-05-01 10:00).',
    );
  });

  it('keeps the total continuous: old final + offset before = new start + offset after', async () => {
    const id = randomUUID();
    const result = await t.expectApplied(replace({ replacement_id: id }));
    expect(result).toEqual({
      replacement_id: id,
      meter: 'run_hours',
      meter_total: 5012,
      offset_after: 5012,
      adjustment: 12,
      current: 5012,
    });
    const { rows } = await t.su.query<Json>(
      `SELECT old_final_reading::float8 AS old, new_start_reading::float8 AS new, meter_total::float8 AS total,
              offset_before::float8 AS before, offset_after::float8 AS after, replaced_on::text AS day
         FROM meter_replacements WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ old: 5012, new: 0, total: 5012, before: 0, after: 5012, day: '2025-05-02' }]);
    const final = await t.su.query<Json>(
      `SELECT source::text, reading::float8, meter_total::float8 AS total FROM meter_readings WHERE replacement_id = $1`,
      [id],
    );
    expect(final.rows).toEqual([{ source: 'replacement', reading: 5012, total: 5012 }]);
  });

  it("stores the new meter's readings on the same continuous total", async () => {
    expect(await t.expectApplied(m.reading(gen, '2025-05-03T10:00Z', 15))).toMatchObject({
      meter_total: 5027,
      adjustment: 15,
      current: 5027,
    });
    expect((await m.meter(gen)).hours).toBe(5027);
    // A reading of the new meter that would go backwards is refused in the new meter's terms.
    await t.expectRejected(
      m.reading(gen, '2025-05-04T10:00Z', 10),
      'reading_out_of_order',
      /^A reading of 10 h on 2025-05-04 10:00 is below the reading before it \(15 h on 2025-05-03 10:00\)/,
    );
  });

  it("takes a back-dated reading of the old meter in the old meter's terms", async () => {
    expect(await t.expectApplied(m.reading(gen, '2025-05-01T20:00Z', 5006))).toMatchObject({
      meter_total: 5006,
      adjustment: 0,
      current: 5027,
    });
  });

  it('replaces an odometer too', async () => {
    const truck = await m.newAsset('DT-902', { current_run_hours: 100, current_odometer: 120000 });
    await t.expectApplied(
      t.op('meter.replace', t.usersA.supervisor, {
        asset_id: truck,
        meter: 'odometer',
        replaced_at: '2025-05-02T10:00Z',
        old_final_reading: 120500,
        new_start_reading: 0,
        reason: 'Instrument cluster replaced',
      }),
    );
    await t.expectApplied(m.reading(truck, '2025-05-03T10:00Z', 300, { meter: 'odometer' }));
    expect(await m.meter(truck)).toEqual({ hours: 100, km: 120800 });
  });

  it('is continuous by constraint for writes outside the operation', async () => {
    const broken = await pgErrorOf(
      t.su.query(
        `INSERT INTO meter_replacements (tenant_id, asset_id, replaced_at, replaced_on, old_final_reading,
           new_start_reading, meter_total, offset_before, offset_after, reason, recorded_by_user_id)
         VALUES ($1, $2, '2025-06-01T10:00Z', '2025-06-01', 40, 0, 5052, 5012, 5000, 'test', $3)`,
        [t.fx.a.tenantId, gen, t.usersA.manager],
      ),
    );
    expect(broken.constraint).toBe('meter_replacements_continuous_new');
    const offset = await pgErrorOf(
      t.su.query(
        `INSERT INTO meter_replacements (tenant_id, asset_id, replaced_at, replaced_on, old_final_reading,
           new_start_reading, meter_total, offset_before, offset_after, reason, recorded_by_user_id)
         VALUES ($1, $2, '2025-06-01T10:00Z', '2025-06-01', 40, 0, 40, 0, 40, 'test', $3)`,
        [t.fx.a.tenantId, gen, t.usersA.manager],
      ),
    );
    expect(offset.constraint).toBe('meter_replacements_continuous_old');
  });
});

// The role matrix: the hour meter of an asset of its own replaced.
let roleCase = 0;
const replaceOf = (assetId: string) => ({
  asset_id: assetId,
  replaced_at: '2025-05-02T10:00Z',
  old_final_reading: 1012,
  new_start_reading: 0,
  reason: 'Hour meter stopped',
});
describeRoles('meter.replace', {
  push: t,
  envelope: async (userId) => {
    roleCase += 1;
    const assetId = await m.newAsset(`GEN-R${roleCase}`);
    return t.op('meter.replace', userId, replaceOf(assetId));
  },
  station: s,
  input: (userId) => {
    s.mirror('asset_meters', {
      id: uuidv7(),
      asset_id: generator,
      current_run_hours: 1000,
      current_odometer: null,
      last_updated_at: '2026-11-20T00:00:00Z',
    });
    return { type: 'meter.replace', userId, payload: replaceOf(generator) };
  },
});
