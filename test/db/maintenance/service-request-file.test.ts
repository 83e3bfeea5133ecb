// service_request.file: who may do it, through amms_push and queued on a station (a defect reported on an asset). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, stationInput } from '../../helpers/maintenance-samples.ts';
import { generator } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('service_request.file', {
  push: t,
  envelope: (userId) =>
    Promise.resolve(
      serverOp(t, 'service_request.file', userId, {
        request_id: uuidv7(),
        asset_id: t.fx.a.unitAssetId,
        description: 'Hydraulic oil under the machine',
      }),
    ),
  station: s,
  input: (userId) =>
    stationInput('service_request.file', userId, {
      request_id: uuidv7(),
      asset_id: generator,
      description: 'Oil leak at the pump',
    }),
});
