// document.issue: who may record a print of a shipment's document (the role matrix from the
// contract), through amms_push and queued on a station. The type's other server tests (copies,
// reasons, cancelled passes, hashes, keys, the central store) are in test/db/documents-and-keys.test.ts;
// the station's issuing in src-main/logistics/shipment-documents.test.ts.
import { createHash } from 'node:crypto';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { insertShipment } from '../../helpers/base-fixture.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { otherSiteId, siteId, station } from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const s = useLocalStation();

/** A manifest's print (no signed code: the sample depends on the role alone). */
function manifestPrint(shipmentId: string): Record<string, unknown> {
  const content = Buffer.from(`%PDF-1.4 manifest of ${shipmentId}\n%%EOF\n`);
  return {
    document_id: uuidv7(),
    kind: 'manifest',
    shipment_id: shipmentId,
    copy_number: 0,
    sha256: createHash('sha256').update(content).digest('hex'),
    pages: 1,
    content: content.toString('base64'),
    issued_at: '2026-11-25T09:00:00Z',
  };
}

describeRoles('document.issue', {
  push: t,
  envelope: async (userId) => {
    // A truck of its own for each print, so every one is an original.
    const shipmentId = await insertShipment(t.su, t.fx.a.tenantId, t.fx.a.siteId, t.otherSiteA.siteId, {
      status: 'loading',
    });
    return t.op('document.issue', userId, manifestPrint(shipmentId));
  },
  station: s,
  input: (userId) => {
    const shipmentId = uuidv7();
    s.mirror('stations', {
      id: station.stationId,
      site_id: siteId,
      name: 'Gate 1',
      role_name: 'amms_st_x',
      enrolled_at: '2026-01-01',
      gate_pass_prefix: 'ST1',
    });
    s.mirror('shipments', {
      id: shipmentId,
      gate_pass_ref: `GP-ST1-${shipmentId.slice(-4)}`,
      origin_location_id: siteId,
      destination_location_id: otherSiteId,
      status: 'loading',
      is_returnable: 0,
    });
    return { type: 'document.issue', userId, payload: manifestPrint(shipmentId) };
  },
});
