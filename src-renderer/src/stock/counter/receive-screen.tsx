// Receive (storekeepers): put received parts into bins. Each line is a part (scan or SKU), a bin
// (scan its label or pick one), a quantity and an optional unit cost; Enter adds the line and the
// next one starts. Enter on the empty scan field (or the button) sends all lines as one
// 'stock.receive'. Escape clears the line being typed, a second Escape the whole receipt.
import { useCallback, useState, type KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import { stockReceive } from '../../../../src-preload/contract/stock/operations.ts';
import { BinPicker, type BinChoice } from './bin-picker.tsx';
import { CounterFeedback } from './counter-feedback.tsx';
import { readQty } from './counter-format.ts';
import { useStockByPart, useWarehouses } from '../stock-queries.ts';
import { PartPicker } from './part-picker.tsx';
import { checkPayload, checkWith } from '../../util/payload-check.ts';
import { QtyInput } from './qty-input.tsx';
import { ReceiptLines, type ReceiptLine } from './receipt-lines.tsx';
import { ScanField } from '../../components/scan-field.tsx';
import { takeWarehouseScan } from '../../components/scan-routing.ts';
import { useCounterScreen } from './use-counter-screen.ts';

const lineSchema = stockReceive.payload.shape.lines.element;

function focusById(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLInputElement) {
    element.focus();
    element.select();
  }
}

export function ReceiveScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const warehouses = useWarehouses();
  const [lines, setLines] = useState<ReceiptLine[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [partId, setPartId] = useState<string | null>(null);
  const [bin, setBin] = useState<BinChoice>({ warehouseId: null, bin: '' });
  const [qty, setQty] = useState('');
  const [cost, setCost] = useState('');
  const [supplierRef, setSupplierRef] = useState('');
  const part = useStockByPart(partId).data?.part;

  const onBinChange = useCallback((value: BinChoice) => {
    setBin(value);
  }, []);

  const nextStep = (hasPart: boolean, hasBin: boolean): void => {
    if (hasPart && hasBin) focusById('receive-qty');
    else screen.focusScan();
  };

  const onItem = (item: ScanItem): string | null => {
    screen.reset();
    if (item.kind === 'part') {
      setPartId(item.id);
      nextStep(true, bin.bin.trim() !== '');
      return null;
    }
    if (item.kind === 'bin') {
      setBin({ warehouseId: item.warehouseId, bin: item.bin });
      nextStep(partId !== null, true);
      return null;
    }
    if (item.kind === 'warehouse') {
      return takeWarehouseScan(item, warehouses.data, (warehouseId) => {
        setBin({ warehouseId, bin: bin.bin });
      });
    }
    return 'Scan a part or a bin here.';
  };

  const clearLine = (): void => {
    setPartId(null);
    setQty('');
    setCost('');
    setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
  };

  const addLine = (): boolean => {
    if (!part || partId === null) {
      screen.setError('Scan or type the part first.');
      screen.focusScan();
      return false;
    }
    const read = readQty(qty, part.unit);
    if (!read.ok) {
      screen.setError(read.message);
      focusById('receive-qty');
      return false;
    }
    const costText = cost.trim().replace(',', '.');
    const unitCost = costText === '' ? undefined : Number(costText);
    const checked = checkWith(lineSchema, stockReceive.fields, {
      part_id: partId,
      location_id: bin.warehouseId ?? '',
      bin_location: bin.bin,
      qty: read.value,
      ...(unitCost === undefined ? {} : { unit_cost: unitCost }),
    });
    if (!checked.ok) {
      screen.setError(checked.message);
      if (checked.message.startsWith('Unit cost')) focusById('receive-cost');
      else if (checked.message.startsWith('Bin')) focusById('receive-bin-bin');
      else screen.focusScan();
      return false;
    }
    const warehouse = warehouses.data?.find((w) => w.id === checked.payload.location_id);
    setLines((current) => [
      ...current,
      {
        ...checked.payload,
        key: nextKey,
        sku: part.sku,
        name: part.name,
        unit: part.unit,
        warehouse: warehouse?.code ?? '?',
      },
    ]);
    setNextKey((key) => key + 1);
    clearLine();
    screen.reset();
    screen.focusScan();
    return true;
  };

  const receive = async (): Promise<void> => {
    const ref = supplierRef.trim();
    const checked = checkPayload('stock.receive', {
      lines: lines.map((line) => ({
        part_id: line.part_id,
        location_id: line.location_id,
        bin_location: line.bin_location,
        qty: line.qty,
        ...(line.unit_cost === undefined ? {} : { unit_cost: line.unit_cost }),
      })),
      ...(ref === '' ? {} : { supplier_ref: ref }),
    });
    if (!checked.ok) {
      screen.setError(lines.length === 0 ? 'Add at least one line first.' : checked.message);
      screen.focusScan();
      return;
    }
    if (await screen.send('stock.receive', checked.payload)) {
      setLines([]);
      setSupplierRef('');
      clearLine();
    }
  };

  const lineStarted = partId !== null || qty.trim() !== '' || cost.trim() !== '';

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    screen.reset();
    if (lineStarted || bin.bin !== '') clearLine();
    else {
      setLines([]);
      setSupplierRef('');
    }
    screen.focusScan();
  };

  const onLineEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addLine();
  };

  return (
    <div className="screen counter-screen" onKeyDown={onKeyDown}>
      <h1 className="screen-title">Receive</h1>
      <p className="hint">
        Scan a part and a bin, type the quantity, Enter adds the line. Enter on the empty scan field sends the
        receipt; Escape clears the line, then the receipt.
      </p>
      <ScanField
        id="receive-scan"
        inputRef={screen.scanRef}
        accepts={['part', 'bin', 'warehouse']}
        warehouseId={bin.warehouseId}
        onItem={onItem}
        onEmptyEnter={() => {
          if (lineStarted) addLine();
          else void receive();
        }}
      />
      <CounterFeedback error={screen.error} queued={screen.queued} />
      <div className="counter-columns">
        <section className="card form-card" aria-label="Line">
          <h2 className="panel-title">Line {lines.length + 1}</h2>
          <PartPicker
            id="receive-part"
            partId={partId}
            onPick={setPartId}
            onPicked={() => {
              nextStep(true, bin.bin.trim() !== '');
            }}
          />
          <BinPicker id="receive-bin" value={bin} onChange={onBinChange} partId={partId}>
            <div className="qty-row qty-row-3">
              <QtyInput
                id="receive-qty"
                unit={part?.unit}
                value={qty}
                onChange={setQty}
                onKeyDown={onLineEnter}
              />
              <div className="field">
                <label htmlFor="receive-cost">Unit cost (optional)</label>
                <input
                  id="receive-cost"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={cost}
                  onChange={(e) => {
                    setCost(e.target.value);
                  }}
                  onKeyDown={onLineEnter}
                />
              </div>
              <button type="button" className="button button-quiet" onClick={() => addLine()}>
                Add line <kbd>Enter</kbd>
              </button>
            </div>
          </BinPicker>
        </section>
        <section className="card form-card" aria-label="Receipt">
          <h2 className="panel-title">Receipt</h2>
          <div className="field">
            <label htmlFor="receive-supplier">Supplier reference (optional)</label>
            <input
              id="receive-supplier"
              type="text"
              maxLength={80}
              autoComplete="off"
              value={supplierRef}
              onChange={(e) => {
                setSupplierRef(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void receive();
                }
              }}
            />
          </div>
          <ReceiptLines
            lines={lines}
            onRemove={(key) => {
              setLines((current) => current.filter((line) => line.key !== key));
              screen.focusScan();
            }}
          />
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={screen.busy || lines.length === 0}
              onClick={() => void receive()}
            >
              {screen.busy
                ? 'Receiving…'
                : `Receive ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
