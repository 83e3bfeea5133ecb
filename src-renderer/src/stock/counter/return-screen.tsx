// Return (storekeepers): unused parts from a technician's wallet back into a bin. The technician
// (badge or name) and their wallet; a part from it (click the line or scan the part), the quantity
// and the bin; "Defective" sends the parts to the warehouse's QUARANTINE bin instead, out of usable
// stock. Enter queues a 'wallet.return'; Escape clears the part, a second Escape the technician.
import { useState, type KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import { QUARANTINE_BIN } from '../../../../src-preload/contract/stock/operations.ts';
import { ScanField } from '../../components/scan-field.tsx';
import { checkPayload } from '../../util/payload-check.ts';
import { BinPicker } from './bin-picker.tsx';
import { CounterFeedback } from './counter-feedback.tsx';
import { QtyInput } from './qty-input.tsx';
import { TechnicianPicker } from './technician-picker.tsx';
import { useCounterScreen } from './use-counter-screen.ts';
import { useDefaultBin } from './use-default-bin.ts';
import { useWalletForm } from './use-wallet-form.ts';
import { WalletPanel } from './wallet-panel.tsx';

export function ReturnScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const form = useWalletForm(screen, 'return-qty', () => {
    form.setPartId(null);
  });
  const { technician, partId, part, bin, setBin, qty, setQty } = form;
  const [defective, setDefective] = useState(false);
  useDefaultBin(defective ? null : partId, bin, setBin);

  const choosePart = (id: string): void => {
    form.setPartId(id);
    setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    if (technician !== null) form.focusQty();
  };

  const onItem = (item: ScanItem, title: string): string | null => {
    screen.reset();
    if (item.kind === 'part') {
      if (technician === null) return 'Scan the technician’s badge first: the part comes from their wallet.';
      choosePart(item.id);
      return null;
    }
    const taken = form.takeScan(item, title);
    return taken === undefined ? 'Scan a technician’s badge, a part or a bin here.' : taken;
  };

  const submit = async (): Promise<void> => {
    const line = form.readLine('Choose the part from the wallet (or scan it) first.');
    if (!line) return;
    const checked = checkPayload('wallet.return', {
      part_id: line.partId,
      technician_id: line.technicianId,
      location_id: bin.warehouseId ?? '',
      ...(defective ? { bin_location: QUARANTINE_BIN, defective: true } : { bin_location: bin.bin }),
      qty: line.qty,
    });
    if (!checked.ok) {
      screen.setError(checked.message);
      screen.focusScan();
      return;
    }
    if (await screen.send('wallet.return', checked.payload)) {
      form.clearLine();
      setDefective(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    form.onEscape(event, partId === null && qty === '', () => {
      form.setPartId(null);
      setQty('');
      setDefective(false);
    });
  };

  const onEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void submit();
  };

  return (
    <div className="screen counter-screen" onKeyDown={onKeyDown}>
      <h1 className="screen-title">Return</h1>
      <p className="hint">
        Scan the technician’s badge, choose a part from their wallet, type the quantity and press Enter.
        Defective parts go to the QUARANTINE bin.
      </p>
      <ScanField
        id="return-scan"
        inputRef={screen.scanRef}
        accepts={['person', 'part', 'bin', 'warehouse']}
        warehouseId={bin.warehouseId}
        onItem={onItem}
        onEmptyEnter={() => void submit()}
      />
      <CounterFeedback error={screen.error} queued={screen.queued} />
      <div className="counter-columns">
        <section className="card form-card" aria-label="Return">
          <TechnicianPicker
            id="return-technician"
            technicianId={technician?.id ?? null}
            name={technician?.name ?? null}
            onPick={(person) => {
              form.setTechnician(person);
              form.setPartId(null);
            }}
            onPicked={screen.focusScan}
          />
          <div aria-live="polite">
            {part ? (
              <p className="picked picked-part">
                <span className="picked-title">{part.sku}</span>
                <span className="picked-subtitle">{part.name}</span>
              </p>
            ) : (
              <p className="hint">Part: choose a line of the wallet, or scan the part.</p>
            )}
          </div>
          <QtyInput id="return-qty" unit={part?.unit} value={qty} onChange={setQty} onKeyDown={onEnter} />
          <label className="check-field" htmlFor="return-defective">
            <input
              id="return-defective"
              type="checkbox"
              checked={defective}
              onChange={(e) => {
                setDefective(e.target.checked);
              }}
              onKeyDown={onEnter}
            />
            <span>
              Defective <span className="hint">(goes to bin {QUARANTINE_BIN}, not to usable stock)</span>
            </span>
          </label>
          <BinPicker
            id="return-bin"
            value={defective ? { warehouseId: bin.warehouseId, bin: QUARANTINE_BIN } : bin}
            onChange={(value) => {
              setBin(defective ? { warehouseId: value.warehouseId, bin: bin.bin } : value);
            }}
            partId={partId}
            disabled={defective}
            binLabel={defective ? 'Bin (quarantine)' : 'Bin'}
          />
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={screen.busy}
              onClick={() => void submit()}
            >
              {screen.busy ? 'Returning…' : defective ? 'Return to quarantine' : 'Return to bin'}
            </button>
          </div>
        </section>
        {technician === null ? (
          <section className="card wallet-panel">
            <p className="hint">Scan a badge or type a name: the technician’s wallet appears here.</p>
          </section>
        ) : (
          <WalletPanel technicianId={technician.id} pickedPartId={partId} onPick={choosePart} />
        )}
      </div>
    </div>
  );
}
