// service_request.convert: who may do it, through amms_push and queued on a station (a pending request converted into a new work order). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, serverRequest, stationInput, stationRequest } from '../../helpers/maintenance-samples.ts';
import { users } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('service_request.convert', {
  push: t,
  envelope: async (userId) =>
    serverOp(t, 'service_request.convert', userId, { request_id: await serverRequest(t), wo_id: uuidv7() }),
  station: s,
  input: (userId) =>
    stationInput('service_request.convert', userId, {
      request_id: stationRequest(s, users.operator),
      wo_id: uuidv7(),
    }),
});
