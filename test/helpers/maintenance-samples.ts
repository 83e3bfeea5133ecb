// Sample operations of the maintenance types for their role matrices (test/helpers/role-matrix.ts):
// on the server (tenant A of the push fixture) each sample first brings a work order or a request
// to the state the type needs, done by a supervisor through amms_push, then returns the type's
// operation by the user under test; on the station (the world of test/helpers/local-station.ts)
// each input works on Generator 7's work orders, with the task or request it needs mirrored first.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { SubmitInput } from '../../src-main/ops/submit.ts';
import type { LocalStation } from './local-station.ts';
import { generator, wos } from './ops-test-ids.ts';
import type { Envelope, Json, PushFixture } from './push-fixture.ts';

type Stage = 'draft' | 'ready' | 'in_progress';

/** A corrective work order of tenant A's unit asset with one mandatory task, brought to `stage`. */
export async function serverWorkOrder(
  t: PushFixture,
  stage: Stage,
): Promise<{ woId: string; taskId: string }> {
  const boss = t.usersA.supervisor;
  const woId = uuidv7();
  await t.expectApplied(
    t.op('wo.create', boss, {
      wo_id: woId,
      asset_id: t.fx.a.unitAssetId,
      origin: 'cm',
      title: 'Replace the leaking hose',
      tasks: [{ description: 'Pressure test', is_mandatory: true }],
    }),
  );
  if (stage !== 'draft') await t.expectApplied(t.op('wo.ready', boss, { wo_id: woId }));
  if (stage === 'in_progress') await t.expectApplied(t.op('wo.start', boss, { wo_id: woId }));
  const { rows } = await t.su.query<{ id: string }>('SELECT id::text FROM wo_tasks WHERE wo_id = $1', [woId]);
  return { woId, taskId: rows[0]?.id ?? '' };
}

/** A pending service request of tenant A's unit asset, filed by its operator. */
export async function serverRequest(t: PushFixture): Promise<string> {
  const requestId = uuidv7();
  await t.expectApplied(
    t.op('service_request.file', t.usersA.operator, {
      request_id: requestId,
      asset_id: t.fx.a.unitAssetId,
      description: 'Hydraulic oil under the machine',
    }),
  );
  return requestId;
}

/** Agile Mode of tenant A (a technician may raise work orders with it). */
export async function setServerAgile(t: PushFixture, on: boolean): Promise<void> {
  await t.su.query(
    `UPDATE tenants SET settings = settings || jsonb_build_object('agile_mode', $2::boolean) WHERE id = $1`,
    [t.fx.a.tenantId, on],
  );
}

export function serverOp(t: PushFixture, type: string, userId: string, payload: Json): Envelope {
  return t.op(type, userId, payload);
}

/** A task of Generator 7's work order in progress, in the station's mirror. */
export function stationTask(s: LocalStation): string {
  const id = uuidv7();
  s.mirror('wo_tasks', {
    id,
    wo_id: wos.in_progress,
    seq: 1,
    description: 'Pressure test',
    is_mandatory: 1,
  });
  return id;
}

/** A pending request on Generator 7, in the station's mirror. */
export function stationRequest(s: LocalStation, reporter: string): string {
  const id = uuidv7();
  s.mirror('service_requests', {
    id,
    asset_id: generator,
    reported_by_user_id: reporter,
    description: 'Oil leak at the pump',
    status: 'pending',
  });
  return id;
}

export function stationInput(type: SubmitInput['type'], userId: string, payload: Json): SubmitInput {
  return { type, userId, payload };
}
