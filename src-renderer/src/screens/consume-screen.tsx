// Consume: book parts used on a work order, from a technician's wallet (a technician books from
// their own) or straight from a warehouse bin. Scan the work order, the badge, the part or the bin
// in the field at the top (or pick from the lists on the right), enter the quantity, Enter books
// it as a 'wo.consume' operation. The server fixes the cost when it applies it. Escape clears.
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useSubmitOperation } from '../api/station-queries.ts';
import { useSessionStore } from '../state/session-store.ts';
import {
  buildConsume,
  emptyConsume,
  nextStep,
  type ConsumeDraft,
  type ConsumeErrors,
} from '../stock/consume-form.ts';
import { ConsumeSlots } from '../stock/consume-slots.tsx';
import {
  BinPicker,
  PartPicker,
  TechnicianPicker,
  WalletPartPicker,
  WorkOrderPicker,
} from '../stock/consume-pickers.tsx';
import { ScanField } from '../stock/scan-field.tsx';
import { scanTarget } from '../stock/scan-target.ts';
import { useStockLiveUpdates } from '../stock/stock-queries.ts';
import '../styles/stock.css';

type Override = 'wo' | 'technician' | 'part' | null;

export function ConsumeScreen(): React.JSX.Element {
  useStockLiveUpdates();
  const client = useStationClient();
  const user = useSessionStore((s) => s.user);
  const isTechnician = user?.role === 'technician';
  const self = user?.role === 'technician' ? { id: user.id, name: user.fullName } : null;
  const [draft, setDraft] = useState<ConsumeDraft>(() => emptyConsume(self));
  const [errors, setErrors] = useState<ConsumeErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [override, setOverride] = useState<Override>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyId = useId();
  const submit = useSubmitOperation();
  const lookup = useMutation({ mutationFn: (code: string) => client.call('lookup.code', { code }) });

  const focusNext = (next: ConsumeDraft): void => {
    window.setTimeout(() => {
      if (nextStep(next) === 'qty') document.getElementById(qtyId)?.focus();
      else scanRef.current?.focus();
    }, 0);
  };
  const change = (changes: Partial<ConsumeDraft>): void => {
    const next = { ...draft, ...changes };
    setDraft(next);
    setErrors({});
    setFormError(null);
    setOverride(null);
    focusNext(next);
  };

  const onCode = async (code: string): Promise<void> => {
    setFormError(null);
    setQueued(null);
    try {
      const target = scanTarget(await lookup.mutateAsync(code));
      switch (target.kind) {
        case 'work_order': {
          const open = await client.call('workOrders.open', { query: target.code, limit: 5 });
          const wo = open.rows.find((w) => w.id === target.id);
          if (!wo) {
            setErrors({ wo: `${target.code} is not open: it takes no parts.` });
            return;
          }
          change({
            wo: { id: wo.id, code: wo.code, title: wo.title, status: wo.status, takesParts: wo.takes_parts },
          });
          if (!wo.takes_parts) setErrors({ wo: `${wo.code} is ${wo.status}: it takes no parts now.` });
          return;
        }
        case 'part': {
          const sku = target.sku;
          change({ part: { id: target.id, sku, name: target.title, unit: '' }, bin: null });
          return;
        }
        case 'person':
          if (isTechnician) {
            setFormError('You book parts from your own wallet only.');
            return;
          }
          change({
            source: 'wallet',
            technician: { id: target.id, name: target.title },
            part: null,
            bin: null,
          });
          return;
        case 'bin':
          if (isTechnician) {
            setFormError('Technicians book parts from their own wallet, not from a bin.');
            return;
          }
          change({
            source: 'warehouse',
            bin: { locationId: target.warehouseId, warehouseCode: target.warehouseCode, bin: target.bin },
          });
          return;
        case 'warehouse':
        case 'search':
          setFormError(
            target.kind === 'search'
              ? (target.message ?? `${code}: not a work order, part, badge or bin.`)
              : `${target.title} is a whole warehouse: scan the bin’s label.`,
          );
          return;
      }
    } catch (error) {
      setFormError(readableError(error));
    }
  };

  const clear = (): void => {
    setDraft(emptyConsume(self));
    setErrors({});
    setFormError(null);
    setQueued(null);
    setOverride(null);
    submit.reset();
  };

  const book = async (): Promise<void> => {
    setFormError(null);
    setQueued(null);
    const built = buildConsume(draft);
    if (!built.ok) {
      setErrors(built.errors);
      if (Object.keys(built.errors).length === 0) setFormError('Check the form: something is missing.');
      if (built.errors.qty !== undefined && Object.keys(built.errors).length === 1)
        document.getElementById(qtyId)?.focus();
      return;
    }
    try {
      const result = await submit.mutateAsync({ type: 'wo.consume', payload: built.payload });
      setQueued(result.summary);
      setDraft({ ...draft, part: null, bin: draft.source === 'warehouse' ? null : draft.bin, qty: '' });
      setErrors({});
      scanRef.current?.focus();
    } catch (error) {
      setFormError(readableError(error));
      document.getElementById(qtyId)?.focus();
    }
  };

  const onQtyKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void book();
    }
  };

  const step = nextStep(draft);
  const picker = (): React.JSX.Element => {
    if (override === 'wo' || !draft.wo)
      return (
        <WorkOrderPicker
          onPick={(wo) => {
            change({ wo });
          }}
        />
      );
    if (draft.source === 'wallet') {
      if (override === 'technician' || !draft.technician)
        return (
          <TechnicianPicker
            onPick={(id, name) => {
              change({ technician: { id, name }, part: null });
            }}
          />
        );
      return (
        <WalletPartPicker
          technicianId={draft.technician.id}
          partId={draft.part?.id ?? null}
          onPick={(part) => {
            change({ part });
          }}
        />
      );
    }
    if (override === 'part' || !draft.part)
      return (
        <PartPicker
          onPick={(part) => {
            change({ part, bin: null });
          }}
        />
      );
    return (
      <BinPicker
        partId={draft.part.id}
        picked={draft.bin}
        onPick={(bin) => {
          change({ bin });
        }}
      />
    );
  };

  return (
    <div className="screen consume-screen">
      <h1 className="screen-title">Consume on a work order</h1>
      <ScanField
        id="consume-scan"
        label="Scan a code"
        placeholder="Work order · part · badge · bin label"
        busy={lookup.isPending}
        inputRef={scanRef}
        onCode={(code) => {
          void onCode(code);
        }}
        onCancel={clear}
      />
      <div className="live-region" role="status" aria-live="polite">
        {queued && (
          <div className="queued">
            <p className="queued-title">Queued</p>
            <p className="queued-summary">{queued}</p>
          </div>
        )}
      </div>
      <div className="consume-grid">
        <form
          className="card form-card consume-form"
          aria-label="Consumption"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void book();
          }}
        >
          <ConsumeSlots
            draft={draft}
            errors={errors}
            step={step}
            fixedTechnician={isTechnician}
            qtyId={qtyId}
            onQtyKey={onQtyKey}
            onChange={change}
            onQty={(qty) => {
              setDraft((current) => ({ ...current, qty }));
              setErrors((current) => ({ ...current, qty: undefined }));
            }}
            onOverride={setOverride}
          />
          <div className="form-error" role="alert">
            {formError}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={submit.isPending}>
              {submit.isPending ? 'Booking…' : 'Book on work order'}
            </button>
            <button type="button" className="button button-quiet" onClick={clear}>
              Clear <kbd>Esc</kbd>
            </button>
          </div>
        </form>
        <div className="consume-picker">{picker()}</div>
      </div>
    </div>
  );
}
