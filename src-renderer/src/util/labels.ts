// Words for the kinds of thing a code can stand for (lookup matches), as the screens read them.
import type { LookupKind } from '../../../src-preload/contract/lookup.ts';

export const KIND_LABELS: { readonly [K in LookupKind]: string } = {
  asset: 'Asset',
  part: 'Part',
  location: 'Location',
  user: 'Person',
  work_order: 'Work order',
  shipment: 'Shipment',
};
