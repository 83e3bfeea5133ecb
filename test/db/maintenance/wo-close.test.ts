// wo.close: who may do it, through amms_push and queued on a station (a work order in progress closed once its mandatory task has a result). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, serverWorkOrder, stationInput } from '../../helpers/maintenance-samples.ts';
import { wos } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('wo.close', {
  push: t,
  envelope: async (userId) => {
    const { woId, taskId } = await serverWorkOrder(t, 'in_progress');
    await t.expectApplied(
      serverOp(t, 'wo.task_result', t.usersA.supervisor, { task_id: taskId, result: 'pass' }),
    );
    return serverOp(t, 'wo.close', userId, { wo_id: woId });
  },
  station: s,
  input: (userId) => stationInput('wo.close', userId, { wo_id: wos.in_progress }),
});
