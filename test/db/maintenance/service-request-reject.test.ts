// service_request.reject: who may do it, through amms_push and queued on a station (a pending request rejected with a reason). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, serverRequest, stationInput, stationRequest } from '../../helpers/maintenance-samples.ts';
import { users } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('service_request.reject', {
  push: t,
  envelope: async (userId) =>
    serverOp(t, 'service_request.reject', userId, {
      request_id: await serverRequest(t),
      reason: 'Not a defect',
    }),
  station: s,
  input: (userId) =>
    stationInput('service_request.reject', userId, {
      request_id: stationRequest(s, users.operator),
      reason: 'Not a defect',
    }),
});
