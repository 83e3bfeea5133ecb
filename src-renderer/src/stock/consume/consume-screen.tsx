// Consume: book parts used on a work order, from a technician's wallet (a technician books from
// their own) or straight from a warehouse bin. Scan the work order, the badge, the part or the bin
// in the field at the top (or pick from the lists on the right), enter the quantity, Enter books
// it as a 'wo.consume' operation. The server fixes the cost when it applies it. Escape clears.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import { readableError } from '../../api/api-call-error.ts';
import { useStationClient } from '../../api/client-context.tsx';
import { operation, useSubmitOperation } from '../../api/station-queries.ts';
import { useSessionStore } from '../../state/session-store.ts';
import {
  buildConsume,
  emptyConsume,
  nextStep,
  type ConsumeDraft,
  type ConsumeErrors,
} from './consume-form.ts';
import { ConsumeSlots } from './consume-slots.tsx';
import {
  BinPicker,
  PartPicker,
  TechnicianPicker,
  WalletPartPicker,
  WorkOrderPicker,
} from './consume-pickers.tsx';
import { ScanField } from '../../components/scan-field.tsx';
import '../stock.css';

type Override = 'wo' | 'technician' | 'part' | null;

export function ConsumeScreen(): React.JSX.Element {
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

  const onItem = async (item: ScanItem, title: string): Promise<string | null> => {
    setFormError(null);
    setQueued(null);
    switch (item.kind) {
      case 'work_order': {
        const open = await client.call('workOrders.open', { query: item.code, limit: 5 });
        const wo = open.rows.find((w) => w.id === item.id);
        if (!wo) {
          setErrors({ wo: `${item.code} is not open: it takes no parts.` });
          return null;
        }
        change({
          wo: { id: wo.id, code: wo.code, title: wo.title, status: wo.status, takesParts: wo.takes_parts },
        });
        if (!wo.takes_parts) setErrors({ wo: `${wo.code} is ${wo.status}: it takes no parts now.` });
        return null;
      }
      case 'part':
        change({ part: { id: item.id, sku: item.sku, name: item.name, unit: '' }, bin: null });
        return null;
      case 'person':
        if (isTechnician) return 'You book parts from your own wallet only.';
        change({ source: 'wallet', technician: { id: item.id, name: item.fullName }, part: null, bin: null });
        return null;
      case 'bin':
        if (isTechnician) return 'Technicians book parts from their own wallet, not from a bin.';
        change({
          source: 'warehouse',
          bin: { locationId: item.warehouseId, warehouseCode: item.warehouseCode, bin: item.bin },
        });
        return null;
      case 'warehouse':
        return `${title} is a whole warehouse: scan the bin’s label.`;
      default:
        return `${title}: not a work order, part, badge or bin.`;
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
      const result = await submit.mutateAsync(operation('wo.consume', built.payload));
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
        compact
        inputRef={scanRef}
        accepts={['work_order', 'part', 'person', 'bin', 'warehouse']}
        onItem={onItem}
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
