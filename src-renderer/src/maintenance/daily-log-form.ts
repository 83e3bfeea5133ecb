// The daily log form as data: what the supervisor typed, the checks of the contract's payload
// schema (the same the core runs), and which scanned code counts as an asset.
import type { LookupResult } from '../../../src-preload/contract/lookup.ts';
import { dailyLogRecord } from '../../../src-preload/contract/maintenance/operations.ts';
import type { OperationPayload } from '../../../src-preload/contract/operations.ts';
import { KIND_LABELS } from '../util/labels.ts';

export interface PickedAsset {
  id: string;
  title: string;
  subtitle: string;
  /** The code it was found by, so editing the code drops the choice. */
  code: string;
}

export interface DailyLogDraft {
  assetCode: string;
  asset: PickedAsset | null;
  date: string;
  runHours: string;
  fuel: string;
  notes: string;
}

export type DailyLogField = 'asset' | 'date' | 'runHours' | 'fuel' | 'notes';
export type FieldErrors = Partial<Record<DailyLogField, string>>;

export const FIELD_ORDER: readonly DailyLogField[] = ['asset', 'date', 'runHours', 'fuel', 'notes'];

const PAYLOAD_FIELDS: Record<string, { field: DailyLogField; label: string }> = {
  asset_id: { field: 'asset', label: 'Asset' },
  date: { field: 'date', label: 'Date' },
  run_hours_added: { field: 'runHours', label: 'Run hours' },
  fuel_liters_added: { field: 'fuel', label: 'Fuel' },
  notes: { field: 'notes', label: 'Notes' },
};

export function emptyDraft(date: string): DailyLogDraft {
  return { assetCode: '', asset: null, date, runHours: '', fuel: '', notes: '' };
}

/** "12,5" and "12.5" both read as 12.5; anything else that is not a number is NaN. */
export function readNumber(text: string): number {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

export type BuiltPayload =
  { ok: true; payload: OperationPayload<'daily_log.record'> } | { ok: false; errors: FieldErrors };

export function buildPayload(draft: DailyLogDraft): BuiltPayload {
  const errors: FieldErrors = {};
  if (!draft.asset) errors.asset = 'Scan or type the asset’s code, then press Enter.';
  if (draft.date === '') errors.date = 'Choose the day this log is for.';
  if (draft.runHours.trim() === '') errors.runHours = 'Enter the run hours (0 if it did not run).';
  if (draft.fuel.trim() === '') errors.fuel = 'Enter the fuel added in litres (0 if none).';
  const notes = draft.notes.trim();
  const parsed = dailyLogRecord.payload.safeParse({
    asset_id: draft.asset?.id ?? '',
    date: draft.date,
    run_hours_added: readNumber(draft.runHours),
    fuel_liters_added: readNumber(draft.fuel),
    ...(notes === '' ? {} : { notes }),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const target = PAYLOAD_FIELDS[String(issue.path[0])];
      if (target && errors[target.field] === undefined) {
        const message = /expected number/i.test(issue.message) ? 'must be a number' : issue.message;
        errors[target.field] = `${target.label} ${message}.`;
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, payload: parsed.data };
}

export type AssetPick = { ok: true; asset: PickedAsset } | { ok: false; message: string };

/** The asset a lookup found, or why the code is not one asset. */
export function pickAsset(result: LookupResult): AssetPick {
  const assets = result.matches.filter((match) => match.kind === 'asset');
  const [asset] = assets;
  if (assets.length === 1 && asset) {
    return {
      ok: true,
      asset: { id: asset.id, title: asset.title, subtitle: asset.subtitle, code: result.code },
    };
  }
  if (assets.length > 1) {
    return { ok: false, message: `${result.code} matches several assets; scan the asset’s own QR label.` };
  }
  const [other] = result.matches;
  if (other) {
    return {
      ok: false,
      message: `${result.code} is a ${KIND_LABELS[other.kind].toLowerCase()} (${other.title}), not an asset.`,
    };
  }
  return { ok: false, message: result.message ?? `${result.code}: no asset has this code.` };
}
