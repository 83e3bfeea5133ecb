// Return (storekeepers): unused parts from a technician's wallet back into a bin. The technician
// (badge or name) and their wallet; a part from it (click the line or scan the part), the quantity
// and the bin; "Defective" sends the parts to the warehouse's QUARANTINE bin instead, out of usable
// stock. Enter queues a 'wallet.return'; Escape clears the part, a second Escape the technician.
import { useState, type KeyboardEvent } from 'react';
import { QUARANTINE_BIN, walletReturnPayload } from '../../../src-preload/contract/operations.ts';
import { BinPicker, type BinChoice } from '../counter/bin-picker.tsx';
import { CounterFeedback } from '../counter/counter-feedback.tsx';
import { usePartStock, useWarehouses } from '../counter/counter-queries.ts';
import { checkPayload } from '../counter/payload-check.ts';
import { QtyInput } from '../counter/qty-input.tsx';
import { ScanField } from '../counter/scan-field.tsx';
import { takeWarehouseScan, type RoutedScan } from '../counter/scan-routing.ts';
import { TechnicianPicker } from '../counter/technician-picker.tsx';
import { useCounterScreen } from '../counter/use-counter-screen.ts';
import { useDefaultBin } from '../counter/use-default-bin.ts';
import { readWalletLine } from '../counter/wallet-line.ts';
import { WalletPanel } from '../counter/wallet-panel.tsx';

interface Person {
  id: string;
  name: string;
}

function focusQty(): void {
  document.getElementById('return-qty')?.focus();
}

export function ReturnScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const warehouses = useWarehouses();
  const [technician, setTechnician] = useState<Person | null>(null);
  const [partId, setPartId] = useState<string | null>(null);
  const [bin, setBin] = useState<BinChoice>({ warehouseId: null, bin: '' });
  const [qty, setQty] = useState('');
  const [defective, setDefective] = useState(false);
  const part = usePartStock(partId).data?.part;
  useDefaultBin(defective ? null : partId, bin, setBin);

  const choosePart = (id: string): void => {
    setPartId(id);
    setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    if (technician !== null) focusQty();
  };

  const onRouted = (routed: RoutedScan): string | null => {
    screen.reset();
    switch (routed.target) {
      case 'technician':
        setTechnician({ id: routed.id, name: routed.title });
        setPartId(null);
        return null;
      case 'part':
        if (technician === null)
          return 'Scan the technician’s badge first: the part comes from their wallet.';
        choosePart(routed.id);
        return null;
      case 'bin':
        setBin({ warehouseId: routed.warehouseId, bin: routed.bin });
        return null;
      case 'warehouse':
        return takeWarehouseScan(routed, warehouses.data, (warehouseId) => {
          setBin({ warehouseId, bin: '' });
        });
      case 'work_order':
        return 'Scan a technician’s badge, a part or a bin here.';
    }
  };

  const submit = async (): Promise<void> => {
    const line = readWalletLine(screen, {
      technician,
      part,
      qty,
      partMissing: 'Choose the part from the wallet (or scan it) first.',
      focusQty,
    });
    if (!line) return;
    const checked = checkPayload(walletReturnPayload, {
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
      setPartId(null);
      setQty('');
      setDefective(false);
      setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    screen.reset();
    if (partId !== null || qty !== '') {
      setPartId(null);
      setQty('');
      setDefective(false);
    } else setTechnician(null);
    screen.focusScan();
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
        accepts={['technician', 'part', 'bin', 'warehouse']}
        warehouseId={bin.warehouseId}
        onRouted={onRouted}
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
              setTechnician(person);
              setPartId(null);
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
