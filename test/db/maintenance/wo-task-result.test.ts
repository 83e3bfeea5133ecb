// wo.task_result: who may do it, through amms_push and queued on a station (a checklist result on a work order in progress). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, serverWorkOrder, stationInput, stationTask } from '../../helpers/maintenance-samples.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('wo.task_result', {
  push: t,
  envelope: async (userId) => {
    const { taskId } = await serverWorkOrder(t, 'in_progress');
    return serverOp(t, 'wo.task_result', userId, { task_id: taskId, result: 'pass' });
  },
  station: s,
  input: (userId) => stationInput('wo.task_result', userId, { task_id: stationTask(s), result: 'pass' }),
});
