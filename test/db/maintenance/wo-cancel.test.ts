// wo.cancel: who may do it, through amms_push and queued on a station (a draft work order cancelled with a reason). The type's
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

describeRoles('wo.cancel', {
  push: t,
  envelope: async (userId) => {
    const { woId } = await serverWorkOrder(t, 'draft');
    return serverOp(t, 'wo.cancel', userId, { wo_id: woId, reason: 'Raised twice' });
  },
  station: s,
  input: (userId) => stationInput('wo.cancel', userId, { wo_id: wos.draft, reason: 'Raised twice' }),
});
