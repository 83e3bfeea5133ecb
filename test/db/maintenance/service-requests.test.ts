// Service requests through amms_push on the real PostgreSQL: an operator files a defect with a
// photo (kept in service_request_photos), a supervisor rejects it with a reason or converts it
// into a work order that keeps the description and the photo, or joins it to an open work order
// of the same asset (a duplicate). Refusals are readable; triage happens once.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applied,
  buildMaintenanceFixture,
  insertMeteredAsset,
  newId,
  rejected,
  type Json,
  type MaintenanceFixture,
} from '../../helpers/maintenance-fixture.ts';

let f: MaintenanceFixture;

beforeAll(async () => {
  f = await buildMaintenanceFixture();
});

afterAll(async () => {
  await f.close();
});

/** A tiny JPEG (start of image, JFIF header, end of image). */
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300ffd9', 'hex');

async function file(assetId: string, photo?: Json): Promise<string> {
  const request_id = newId();
  await applied(f.station, 'service_request.file', f.users.operator, {
    request_id,
    asset_id: assetId,
    description: 'Hydraulic oil dripping from the boom cylinder',
    ...(photo ? { photo } : {}),
  });
  return request_id;
}

async function requestRow(id: string): Promise<Json> {
  const { rows } = await f.su.query<Json>(
    `SELECT status::text, reported_by_user_id::text, converted_wo_id::text, rejection_reason,
            triaged_by_user_id::text, triaged_at IS NOT NULL AS triaged
       FROM service_requests WHERE id = $1`,
    [id],
  );
  return rows[0] ?? {};
}

describe('filing', () => {
  it('keeps the photo with the request: its bytes, type, size and checksum', async () => {
    const { id: asset } = await insertMeteredAsset(f, 100);
    const photoId = newId();
    const request = await file(asset, {
      photo_id: photoId,
      content_type: 'image/jpeg',
      data: JPEG.toString('base64'),
    });
    expect(await requestRow(request)).toMatchObject({
      status: 'pending',
      reported_by_user_id: f.users.operator,
      triaged: false,
    });
    const { rows } = await f.su.query<{
      id: string;
      content_type: string;
      bytes: Buffer;
      byte_size: number;
      sha256: string;
    }>(
      'SELECT id::text, content_type, bytes, byte_size, sha256 FROM service_request_photos WHERE request_id = $1',
      [request],
    );
    expect(rows).toEqual([
      {
        id: photoId,
        content_type: 'image/jpeg',
        bytes: JPEG,
        byte_size: JPEG.length,
        sha256: createHash('sha256').update(JPEG).digest('hex'),
      },
    ]);
    // The audit trail records the photo without its bytes.
    const { rows: audit } = await f.su.query<{ changes: { after: Json } }>(
      `SELECT changes FROM audit_logs WHERE entity_type = 'service_request_photos' AND entity_id = $1`,
      [photoId],
    );
    expect(audit[0]?.changes.after).toMatchObject({ byte_size: JPEG.length, content_type: 'image/jpeg' });
    expect(audit[0]?.changes.after).not.toHaveProperty('bytes');
  });

  it('refuses photos that are not what they claim, too large, or not base64, and empty descriptions', async () => {
    const { id: asset } = await insertMeteredAsset(f, 100);
    const base = { request_id: newId(), asset_id: asset, description: 'Cracked windscreen' };
    const cases: [Json, string, string][] = [
      [
        { ...base, photo: { content_type: 'image/png', data: JPEG.toString('base64') } },
        'invalid_photo',
        'The photo is not a PNG image.',
      ],
      [
        { ...base, photo: { content_type: 'image/gif', data: JPEG.toString('base64') } },
        'invalid_photo',
        'The photo must be a JPEG, PNG or WebP image.',
      ],
      [
        { ...base, photo: { content_type: 'image/jpeg', data: '%%%not base64%%%' } },
        'invalid_photo',
        'The photo\u2019s data is not base64.'.replace('\u2019', "'"),
      ],
      [
        {
          ...base,
          photo: { content_type: 'image/jpeg', data: Buffer.alloc(1_600_000, 0xff).toString('base64') },
        },
        'photo_too_large',
        'The photo is larger than 1.5 MB; take it again at a lower resolution.',
      ],
      [{ ...base, description: '   ' }, 'missing_field', 'Describe the defect.'],
      [{ ...base, asset_id: newId() }, 'unknown_asset', 'That asset does not exist.'],
    ];
    for (const [payload, code, message] of cases)
      expect(await rejected(f.station, 'service_request.file', f.users.operator, payload, code)).toBe(
        message,
      );
    expect(await rejected(f.station, 'service_request.file', f.users.storekeeper, base, 'forbidden')).toBe(
      `${f.names.get(f.users.storekeeper) ?? ''} (storekeeper) is not allowed to do this (service_request.file).`,
    );
  });
});

describe('triage', () => {
  it('converts a request into a work order that keeps its description, reporter and photo', async () => {
    const { id: asset, code: assetCode } = await insertMeteredAsset(f, 100);
    const request = await file(asset, { content_type: 'image/jpeg', data: JPEG.toString('base64') });
    const wo = newId();
    const result = await applied(f.station, 'service_request.convert', f.users.supervisor, {
      request_id: request,
      wo_id: wo,
      priority: 'high',
    });
    expect(result).toMatchObject({ status: 'converted', wo_id: wo, new_work_order: true });
    expect(await requestRow(request)).toMatchObject({
      status: 'converted',
      converted_wo_id: wo,
      triaged_by_user_id: f.users.supervisor,
      triaged: true,
    });
    const { rows } = await f.su.query<Json>(
      `SELECT w.status::text, w.origin::text, w.priority::text, w.title, w.description, p.byte_size
         FROM work_orders w
         JOIN service_requests r ON r.converted_wo_id = w.id
         JOIN service_request_photos p ON p.request_id = r.id
        WHERE w.id = $1`,
      [wo],
    );
    const reporter = f.names.get(f.users.operator) ?? '';
    expect(rows).toEqual([
      {
        status: 'draft',
        origin: 'defect',
        priority: 'high',
        title: `Defect: Hydraulic oil dripping from the boom cylinder (${assetCode})`,
        description: expect.stringMatching(
          new RegExp(
            `^Hydraulic oil dripping from the boom cylinder\\n\\nReported by ${reporter} on \\d{4}-\\d{2}-\\d{2}\\.$`,
          ),
        ) as unknown,
        byte_size: JPEG.length,
      },
    ]);
  });

  it('joins a duplicate to the open work order of the same asset, and refuses another asset’s', async () => {
    const { id: asset } = await insertMeteredAsset(f, 100);
    const { id: other } = await insertMeteredAsset(f, 100);
    const first = await file(asset);
    const wo = newId();
    await applied(f.station, 'service_request.convert', f.users.supervisor, { request_id: first, wo_id: wo });
    const second = await file(asset);
    const third = await file(other);
    await applied(f.station, 'service_request.convert', f.users.supervisor, {
      request_id: second,
      existing_wo_id: wo,
    });
    expect(await requestRow(second)).toMatchObject({ status: 'converted', converted_wo_id: wo });
    expect(
      await rejected(
        f.station,
        'service_request.convert',
        f.users.supervisor,
        { request_id: third, existing_wo_id: wo },
        'other_asset',
      ),
    ).toMatch(/^WO-\d{6} is for another asset; a request joins a work order of its own asset\.$/);
  });

  it('rejects with a reason the reporter reads; a triaged request cannot be triaged again', async () => {
    const { id: asset } = await insertMeteredAsset(f, 100);
    const request = await file(asset);
    expect(
      await rejected(
        f.station,
        'service_request.reject',
        f.users.supervisor,
        { request_id: request },
        'missing_reason',
      ),
    ).toBe('Rejecting a request needs a reason the reporter can read.');
    await applied(f.station, 'service_request.reject', f.users.supervisor, {
      request_id: request,
      reason: 'Normal seepage at the rod seal; checked on the walk-around',
    });
    expect(await requestRow(request)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Normal seepage at the rod seal; checked on the walk-around',
      triaged_by_user_id: f.users.supervisor,
    });
    const supervisor = f.names.get(f.users.supervisor) ?? '';
    expect(
      await rejected(
        f.station,
        'service_request.convert',
        f.users.supervisor,
        { request_id: request, wo_id: newId() },
        'request_triaged',
      ),
    ).toBe(
      `This request was already rejected by ${supervisor}: Normal seepage at the rod seal; checked on the walk-around`,
    );
    expect(
      await rejected(
        f.station,
        'service_request.convert',
        f.users.supervisor,
        { request_id: newId(), wo_id: newId() },
        'unknown_request',
      ),
    ).toBe('That service request does not exist.');
    expect(
      await rejected(
        f.station,
        'service_request.convert',
        f.users.supervisor,
        { request_id: await file(asset) },
        'invalid_field',
      ),
    ).toBe('Give either a new work order id (wo_id) or the open work order it belongs to (existing_wo_id).');
  });
});
