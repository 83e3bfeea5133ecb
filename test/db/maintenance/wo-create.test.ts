// wo.create: who may do it, through amms_push and queued on a station (a corrective work order raised on an asset (technicians too, with Agile Mode on)). The type's
// behaviour and refusals are tested with the work-order life cycle and the PM engine in
// test/db/maintenance/work-orders.test.ts, service-requests.test.ts and pm-engine.test.ts (server)
// and src-main/maintenance/work-order-ops.test.ts (station).
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { serverOp, setServerAgile, stationInput } from '../../helpers/maintenance-samples.ts';
import { generator } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

describeRoles('wo.create', {
  push: t,
  envelope: async (userId) => {
    await setServerAgile(t, true);
    return serverOp(t, 'wo.create', userId, {
      wo_id: uuidv7(),
      asset_id: t.fx.a.unitAssetId,
      origin: 'cm',
      title: 'Replace the leaking hose',
    });
  },
  station: s,
  input: (userId) => {
    s.setAgileMode(true);
    return stationInput('wo.create', userId, {
      wo_id: uuidv7(),
      asset_id: generator,
      origin: 'cm',
      title: 'Replace the leaking hose',
    });
  },
});
