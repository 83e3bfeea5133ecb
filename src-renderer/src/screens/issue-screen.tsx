// Issue (storekeepers): parts from a warehouse bin into a technician's wallet. The technician
// first (badge scan or name), whose wallet is shown with what is pending on it; then the part (its
// fullest bin is proposed), the bin and the quantity; Enter queues a 'wallet.issue'. The core
// refuses what the bin cannot give ("Only 3 of BOLT-M8 left in bin A-01-01; cannot issue 5.").
// Escape clears the part, a second Escape the technician.
import { useState, type KeyboardEvent } from 'react';
import { walletIssuePayload } from '../../../src-preload/contract/operations.ts';
import { BinPicker, type BinChoice } from '../counter/bin-picker.tsx';
import { CounterFeedback } from '../counter/counter-feedback.tsx';
import { usePartStock, useWarehouses } from '../counter/counter-queries.ts';
import { PartPicker } from '../counter/part-picker.tsx';
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
  document.getElementById('issue-qty')?.focus();
}

export function IssueScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const warehouses = useWarehouses();
  const [technician, setTechnician] = useState<Person | null>(null);
  const [partId, setPartId] = useState<string | null>(null);
  const [bin, setBin] = useState<BinChoice>({ warehouseId: null, bin: '' });
  const [qty, setQty] = useState('');
  const part = usePartStock(partId).data?.part;
  useDefaultBin(partId, bin, setBin);

  const choosePart = (id: string | null): void => {
    setPartId(id);
    setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
  };

  const afterPick = (hasTechnician: boolean, hasPart: boolean): void => {
    if (hasTechnician && hasPart) focusQty();
    else screen.focusScan();
  };

  const onRouted = (routed: RoutedScan): string | null => {
    screen.reset();
    switch (routed.target) {
      case 'technician':
        setTechnician({ id: routed.id, name: routed.title });
        afterPick(true, partId !== null);
        return null;
      case 'part':
        choosePart(routed.id);
        afterPick(technician !== null, true);
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

  const issue = async (): Promise<void> => {
    const line = readWalletLine(screen, {
      technician,
      part,
      qty,
      partMissing: 'Scan or type the part first.',
      focusQty,
    });
    if (!line) return;
    const checked = checkPayload(walletIssuePayload, {
      part_id: line.partId,
      location_id: bin.warehouseId ?? '',
      bin_location: bin.bin,
      technician_id: line.technicianId,
      qty: line.qty,
    });
    if (!checked.ok) {
      screen.setError(checked.message);
      screen.focusScan();
      return;
    }
    if (await screen.send('wallet.issue', checked.payload)) {
      setPartId(null);
      setQty('');
      setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    screen.reset();
    if (partId !== null || qty !== '' || bin.bin !== '') {
      setPartId(null);
      setQty('');
      setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    } else setTechnician(null);
    screen.focusScan();
  };

  return (
    <div className="screen counter-screen" onKeyDown={onKeyDown}>
      <h1 className="screen-title">Issue</h1>
      <p className="hint">
        Scan the technician’s badge, then the part (and bin); type the quantity and press Enter. Escape clears
        the part, then the technician.
      </p>
      <ScanField
        id="issue-scan"
        inputRef={screen.scanRef}
        accepts={['technician', 'part', 'bin', 'warehouse']}
        warehouseId={bin.warehouseId}
        onRouted={onRouted}
        onEmptyEnter={() => void issue()}
      />
      <CounterFeedback error={screen.error} queued={screen.queued} />
      <div className="counter-columns">
        <section className="card form-card" aria-label="Issue">
          <TechnicianPicker
            id="issue-technician"
            technicianId={technician?.id ?? null}
            name={technician?.name ?? null}
            onPick={setTechnician}
            onPicked={() => {
              afterPick(true, partId !== null);
            }}
          />
          <PartPicker
            id="issue-part"
            partId={partId}
            onPick={choosePart}
            onPicked={() => {
              afterPick(technician !== null, true);
            }}
          />
          <BinPicker id="issue-bin" value={bin} onChange={setBin} partId={partId}>
            <div className="qty-row">
              <QtyInput
                id="issue-qty"
                unit={part?.unit}
                value={qty}
                onChange={setQty}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void issue();
                  }
                }}
              />
              <button
                type="button"
                className="button button-primary"
                disabled={screen.busy}
                onClick={() => void issue()}
              >
                {screen.busy ? 'Issuing…' : 'Issue to wallet'}
              </button>
            </div>
          </BinPicker>
        </section>
        {technician === null ? (
          <section className="card wallet-panel">
            <p className="hint">Scan a badge or type a name: the technician’s wallet appears here.</p>
          </section>
        ) : (
          <WalletPanel technicianId={technician.id} />
        )}
      </div>
    </div>
  );
}
