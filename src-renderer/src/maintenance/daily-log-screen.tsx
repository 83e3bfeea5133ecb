// Daily log (supervisors): scan or type an asset's code (Enter finds it and moves on to the run
// hours; the date defaults to today), then fuel and notes; Enter records it as a
// 'daily_log.record' operation. Escape clears the form.
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useSubmitOperation } from '../api/station-queries.ts';
import {
  buildPayload,
  emptyDraft,
  FIELD_ORDER,
  pickAsset,
  type DailyLogDraft,
  type DailyLogField,
  type FieldErrors,
  type PickedAsset,
} from './daily-log-form.ts';
import { localToday } from '../util/time.ts';

const FIELD_IDS: Record<DailyLogField, string> = {
  asset: 'daily-asset',
  date: 'daily-date',
  runHours: 'daily-hours',
  fuel: 'daily-fuel',
  notes: 'daily-notes',
};

function FieldError(props: { field: DailyLogField; errors: FieldErrors }): React.JSX.Element | null {
  const message = props.errors[props.field];
  if (!message) return null;
  return (
    <p className="field-error" id={`${FIELD_IDS[props.field]}-error`}>
      {message}
    </p>
  );
}

function errorProps(
  field: DailyLogField,
  errors: FieldErrors,
): { 'aria-invalid': boolean; 'aria-describedby': string | undefined } {
  const invalid = errors[field] !== undefined;
  return {
    'aria-invalid': invalid,
    'aria-describedby': invalid ? `${FIELD_IDS[field]}-error` : undefined,
  };
}

function focusField(field: DailyLogField): void {
  const element = document.getElementById(FIELD_IDS[field]);
  if (element instanceof HTMLInputElement) {
    element.focus();
    element.select();
  }
}

export function DailyLogScreen(): React.JSX.Element {
  const client = useStationClient();
  const submit = useSubmitOperation();
  const findAsset = useMutation({ mutationFn: (code: string) => client.call('lookup.code', { code }) });
  const [draft, setDraft] = useState<DailyLogDraft>(() => emptyDraft(localToday()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const assetRef = useRef<HTMLInputElement>(null);

  const update = (changes: Partial<DailyLogDraft>, field: DailyLogField): void => {
    setDraft((current) => ({ ...current, ...changes }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFormError(null);
  };

  /** Finds the asset for the typed code; null (with the reason shown) when it is not one asset. */
  const resolveAsset = async (code: string): Promise<PickedAsset | null> => {
    const trimmed = code.trim();
    if (trimmed === '') {
      setErrors((current) => ({ ...current, asset: 'Scan or type the asset’s code, then press Enter.' }));
      return null;
    }
    try {
      const picked = pickAsset(await findAsset.mutateAsync(trimmed));
      if (!picked.ok) {
        setErrors((current) => ({ ...current, asset: picked.message }));
        setDraft((current) => ({ ...current, asset: null }));
        return null;
      }
      setDraft((current) =>
        current.assetCode.trim() === trimmed ? { ...current, asset: picked.asset } : current,
      );
      setErrors((current) => ({ ...current, asset: undefined }));
      return picked.asset;
    } catch (error) {
      setErrors((current) => ({ ...current, asset: readableError(error) }));
      return null;
    }
  };

  const clear = (): void => {
    setDraft(emptyDraft(localToday()));
    setErrors({});
    setFormError(null);
    setQueued(null);
    submit.reset();
    assetRef.current?.focus();
  };

  const record = async (): Promise<void> => {
    setFormError(null);
    setQueued(null);
    let asset = draft.asset;
    if (!asset || asset.code !== draft.assetCode.trim()) {
      asset = await resolveAsset(draft.assetCode);
      if (!asset) {
        focusField('asset');
        return;
      }
    }
    const built = buildPayload({ ...draft, asset });
    if (!built.ok) {
      setErrors(built.errors);
      const first = FIELD_ORDER.find((field) => built.errors[field] !== undefined);
      if (first) focusField(first);
      return;
    }
    try {
      const result = await submit.mutateAsync({ type: 'daily_log.record', payload: built.payload });
      setQueued(result.summary);
      setDraft(emptyDraft(draft.date));
      setErrors({});
      assetRef.current?.focus();
    } catch (error) {
      setFormError(readableError(error));
    }
  };

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void record();
  };

  const onFormKey = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      clear();
    }
  };

  const onAssetKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void resolveAsset(draft.assetCode).then((asset) => {
      // The date is today unless changed: go on to the run hours.
      if (asset) focusField('runHours');
    });
  };

  const today = localToday();

  return (
    <div className="screen daily-log-screen">
      <h1 className="screen-title">Daily log</h1>
      <p className="hint">Run hours and fuel for one asset and day. Enter records, Escape clears.</p>
      <div className="live-region" role="status" aria-live="polite">
        {queued && (
          <div className="queued">
            <p className="queued-title">Queued</p>
            <p className="queued-summary">{queued}</p>
            <p className="hint">
              It goes to the server with the next sync; Activity (F3) shows its progress.
            </p>
          </div>
        )}
      </div>
      <form
        className="card form-card"
        onSubmit={onSubmit}
        onKeyDown={onFormKey}
        noValidate
        aria-label="Daily log"
      >
        <div className="field field-wide">
          <label htmlFor={FIELD_IDS.asset}>Asset code</label>
          <input
            id={FIELD_IDS.asset}
            ref={assetRef}
            className="scan-input"
            type="text"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="Scan the asset’s QR or type its client code"
            value={draft.assetCode}
            onChange={(e) => {
              const code = e.target.value;
              update(
                { assetCode: code, ...(draft.asset?.code === code.trim() ? {} : { asset: null }) },
                'asset',
              );
            }}
            onKeyDown={onAssetKey}
            onBlur={() => {
              if (draft.assetCode.trim() !== '' && !draft.asset && !findAsset.isPending)
                void resolveAsset(draft.assetCode);
            }}
            {...errorProps('asset', errors)}
          />
          <div aria-live="polite">
            {draft.asset && (
              <p className="picked-asset">
                <span className="picked-title">{draft.asset.title}</span>
                <span className="picked-subtitle">{draft.asset.subtitle}</span>
              </p>
            )}
            {findAsset.isPending && <p className="hint">Finding the asset…</p>}
          </div>
          <FieldError field="asset" errors={errors} />
        </div>

        <div className="field-row">
          <div className="field">
            <label htmlFor={FIELD_IDS.date}>Date</label>
            <input
              id={FIELD_IDS.date}
              type="date"
              max={today}
              value={draft.date}
              onChange={(e) => {
                update({ date: e.target.value }, 'date');
              }}
              {...errorProps('date', errors)}
            />
            <FieldError field="date" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={FIELD_IDS.runHours}>Run hours (0–24)</label>
            <input
              id={FIELD_IDS.runHours}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.runHours}
              onChange={(e) => {
                update({ runHours: e.target.value }, 'runHours');
              }}
              {...errorProps('runHours', errors)}
            />
            <FieldError field="runHours" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={FIELD_IDS.fuel}>Fuel added (litres)</label>
            <input
              id={FIELD_IDS.fuel}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.fuel}
              onChange={(e) => {
                update({ fuel: e.target.value }, 'fuel');
              }}
              {...errorProps('fuel', errors)}
            />
            <FieldError field="fuel" errors={errors} />
          </div>
        </div>

        <div className="field field-wide">
          <label htmlFor={FIELD_IDS.notes}>Notes (optional)</label>
          <input
            id={FIELD_IDS.notes}
            type="text"
            maxLength={500}
            autoComplete="off"
            value={draft.notes}
            onChange={(e) => {
              update({ notes: e.target.value }, 'notes');
            }}
            {...errorProps('notes', errors)}
          />
          <FieldError field="notes" errors={errors} />
        </div>

        <div className="form-error" role="alert">
          {formError}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.isPending}>
            {submit.isPending ? 'Recording…' : 'Record daily log'}
          </button>
          <button type="button" className="button button-quiet" onClick={clear}>
            Clear <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
