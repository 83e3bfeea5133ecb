// The consume form as data: the picked work order, source (a technician's wallet or a warehouse
// bin), part and quantity, checked with the contract's payload schema (the same the core runs).
import type { OperationPayload } from '../../../../src-preload/contract/operations.ts';
import { woConsume } from '../../../../src-preload/contract/stock/operations.ts';
import { readNumber } from '../../maintenance/daily-log-form.ts';

export interface PickedWorkOrder {
  id: string;
  code: string;
  title: string;
  status: string;
  takesParts: boolean;
}
export interface PickedPart {
  id: string;
  sku: string;
  name: string;
  unit: string;
}
export interface PickedBin {
  locationId: string;
  warehouseCode: string;
  bin: string;
}

export type ConsumeSource = 'wallet' | 'warehouse';
export type ConsumeField = 'wo' | 'technician' | 'part' | 'bin' | 'qty';
export type ConsumeErrors = Partial<Record<ConsumeField, string>>;

export interface ConsumeDraft {
  wo: PickedWorkOrder | null;
  source: ConsumeSource;
  technician: { id: string; name: string } | null;
  part: PickedPart | null;
  bin: PickedBin | null;
  qty: string;
}

export function emptyConsume(technician: ConsumeDraft['technician']): ConsumeDraft {
  return { wo: null, source: 'wallet', technician, part: null, bin: null, qty: '' };
}

/** The first thing still to pick, in the order of the form. */
export function nextStep(draft: ConsumeDraft): ConsumeField {
  if (!draft.wo) return 'wo';
  if (draft.source === 'wallet') {
    if (!draft.technician) return 'technician';
    if (!draft.part) return 'part';
    return 'qty';
  }
  if (!draft.part) return 'part';
  if (!draft.bin) return 'bin';
  return 'qty';
}

export type BuiltConsume =
  { ok: true; payload: OperationPayload<'wo.consume'> } | { ok: false; errors: ConsumeErrors };

export function buildConsume(draft: ConsumeDraft): BuiltConsume {
  const errors: ConsumeErrors = {};
  if (!draft.wo) errors.wo = 'Scan the work order’s code or pick it from the list.';
  else if (!draft.wo.takesParts)
    errors.wo = `${draft.wo.code} is ${draft.wo.status.replace(/_/g, ' ')}: it takes no parts now.`;
  if (draft.source === 'wallet' && !draft.technician) errors.technician = 'Scan the technician’s badge.';
  if (!draft.part) errors.part = 'Scan the part or pick it from the list.';
  if (draft.source === 'warehouse' && !draft.bin) errors.bin = 'Pick the bin the parts come from.';
  const qty = readNumber(draft.qty);
  if (draft.qty.trim() === '') errors.qty = 'Enter how many were used.';
  const common = { wo_id: draft.wo?.id ?? '', part_id: draft.part?.id ?? '', qty };
  const parsed = woConsume.payload.safeParse(
    draft.source === 'wallet'
      ? { ...common, source: 'wallet', technician_id: draft.technician?.id ?? '' }
      : {
          ...common,
          source: 'warehouse',
          location_id: draft.bin?.locationId ?? '',
          bin_location: draft.bin?.bin ?? '',
        },
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'qty' && errors.qty === undefined) {
        const message = /expected number/i.test(issue.message) ? 'must be a number' : issue.message;
        errors.qty = `Quantity ${message}.`;
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, payload: parsed.data };
}
