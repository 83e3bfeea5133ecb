// Count (storekeepers): a cycle count of one bin. The warehouse and bin (scan the bin label), the
// part; the screen shows what the station believes is there (with pending effects) and the
// difference to the counted quantity; the reason is mandatory. Enter queues a 'stock.count';
// Escape clears the part and quantity, a second Escape the bin.
import { useState, type KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import { BinPicker, findBin, type BinChoice } from './bin-picker.tsx';
import { CounterFeedback } from './counter-feedback.tsx';
import { formatQty, readQty } from './counter-format.ts';
import { useStockByPart, useWarehouses } from '../stock-queries.ts';
import { PartPicker } from './part-picker.tsx';
import { checkPayload } from '../../util/payload-check.ts';
import { QtyInput } from './qty-input.tsx';
import { ScanField } from '../../components/scan-field.tsx';
import { takeWarehouseScan } from '../../components/scan-routing.ts';
import { useCounterScreen } from './use-counter-screen.ts';

const REASONS = ['Cycle count', 'Damaged in store', 'Found in store', 'Lost', 'Scrapped', 'Data correction'];

function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

export function CountScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const warehouses = useWarehouses();
  const [bin, setBin] = useState<BinChoice>({ warehouseId: null, bin: '' });
  const [partId, setPartId] = useState<string | null>(null);
  const [counted, setCounted] = useState('');
  const [reason, setReason] = useState('');
  const stock = useStockByPart(partId);
  const part = stock.data?.part;
  const current = findBin(stock.data?.bins, bin);
  const shown = current?.qty_shown ?? 0;
  const read = readQty(counted, part?.unit, 'Counted quantity');
  const difference = read.ok ? Math.round((read.value - shown) * 1000) / 1000 : null;

  const onItem = (item: ScanItem): string | null => {
    screen.reset();
    switch (item.kind) {
      case 'bin':
        setBin({ warehouseId: item.warehouseId, bin: item.bin });
        if (partId !== null) focusById('count-qty');
        return null;
      case 'warehouse':
        return takeWarehouseScan(item, warehouses.data, (warehouseId) => {
          setBin({ warehouseId, bin: bin.bin });
        });
      case 'part':
        setPartId(item.id);
        if (bin.bin.trim() !== '') focusById('count-qty');
        return null;
      default:
        return 'Scan a bin label or a part here.';
    }
  };

  const submit = async (): Promise<void> => {
    if (!part) {
      screen.setError('Scan or type the part first.');
      screen.focusScan();
      return;
    }
    if (!read.ok) {
      screen.setError(read.message);
      focusById('count-qty');
      return;
    }
    const checked = checkPayload('stock.count', {
      part_id: part.id,
      location_id: bin.warehouseId ?? '',
      bin_location: bin.bin,
      counted_qty: read.value,
      reason,
    });
    if (!checked.ok) {
      screen.setError(checked.message);
      if (checked.message.startsWith('Reason')) focusById('count-reason');
      else screen.focusScan();
      return;
    }
    if (await screen.send('stock.count', checked.payload)) {
      setPartId(null);
      setCounted('');
      setReason('');
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    screen.reset();
    if (partId !== null || counted !== '' || reason !== '') {
      setPartId(null);
      setCounted('');
      setReason('');
    } else setBin((value) => ({ warehouseId: value.warehouseId, bin: '' }));
    screen.focusScan();
  };

  const onEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void submit();
  };

  return (
    <div className="screen counter-screen" onKeyDown={onKeyDown}>
      <h1 className="screen-title">Count</h1>
      <p className="hint">
        Scan the bin and the part, type what is on the shelf and why, press Enter. The bin is set to the
        counted quantity; the difference is booked with the reason.
      </p>
      <ScanField
        id="count-scan"
        inputRef={screen.scanRef}
        accepts={['bin', 'warehouse', 'part']}
        warehouseId={bin.warehouseId}
        onItem={onItem}
        onEmptyEnter={() => void submit()}
      />
      <CounterFeedback error={screen.error} queued={screen.queued} />
      <section className="card form-card" aria-label="Count">
        <BinPicker id="count-bin" value={bin} onChange={setBin} partId={partId} withQuarantine />
        <PartPicker
          id="count-part"
          partId={partId}
          onPick={setPartId}
          onPicked={() => {
            focusById('count-qty');
          }}
        />
        <div className="field-row">
          <div className="field">
            <span className="field-label">Station believes</span>
            <output className="count-figure" aria-label="Station believes">
              {part && bin.bin.trim() !== '' ? formatQty(shown, part.unit) : '—'}
            </output>
          </div>
          <QtyInput
            id="count-qty"
            label="Counted quantity"
            unit={part?.unit}
            value={counted}
            onChange={setCounted}
            onKeyDown={onEnter}
          />
          <div className="field">
            <span className="field-label">Difference</span>
            <output
              className={`count-figure ${difference === null || difference === 0 ? '' : difference > 0 ? 'diff-up' : 'diff-down'}`}
              aria-label="Difference"
            >
              {difference === null
                ? '—'
                : `${difference > 0 ? '+' : difference < 0 ? '−' : '±'}${formatQty(Math.abs(difference), part?.unit)}`}
            </output>
          </div>
        </div>
        <div className="field">
          <label htmlFor="count-reason">Reason (required)</label>
          <input
            id="count-reason"
            type="text"
            list="count-reasons"
            maxLength={500}
            autoComplete="off"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
            onKeyDown={onEnter}
          />
          <datalist id="count-reasons">
            {REASONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={screen.busy}
            onClick={() => void submit()}
          >
            {screen.busy ? 'Booking…' : 'Book count'}
          </button>
        </div>
      </section>
    </div>
  );
}
