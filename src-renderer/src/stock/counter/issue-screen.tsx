// Issue (storekeepers): parts from a warehouse bin into a technician's wallet. The technician
// first (badge scan or name), whose wallet is shown with what is pending on it; then the part (its
// fullest bin is proposed), the bin and the quantity; Enter queues a 'wallet.issue'. The core
// refuses what the bin cannot give ("Only 3 of BOLT-M8 left in bin A-01-01; cannot issue 5.").
// Escape clears the part, a second Escape the technician.
import type { KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import { ScanField } from '../../components/scan-field.tsx';
import { checkPayload } from '../../util/payload-check.ts';
import { BinPicker } from './bin-picker.tsx';
import { CounterFeedback } from './counter-feedback.tsx';
import { PartPicker } from './part-picker.tsx';
import { QtyInput } from './qty-input.tsx';
import { TechnicianPicker } from './technician-picker.tsx';
import { useCounterScreen } from './use-counter-screen.ts';
import { useDefaultBin } from './use-default-bin.ts';
import { useWalletForm } from './use-wallet-form.ts';
import { WalletPanel } from './wallet-panel.tsx';

export function IssueScreen(): React.JSX.Element {
  const screen = useCounterScreen();
  const form = useWalletForm(screen, 'issue-qty', () => {
    afterPick(true, form.partId !== null);
  });
  const { technician, partId, part, bin, setBin, qty, setQty } = form;
  useDefaultBin(partId, bin, setBin);

  const choosePart = (id: string | null): void => {
    form.setPartId(id);
    setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
  };

  function afterPick(hasTechnician: boolean, hasPart: boolean): void {
    if (hasTechnician && hasPart) form.focusQty();
    else screen.focusScan();
  }

  const onItem = (item: ScanItem, title: string): string | null => {
    screen.reset();
    if (item.kind === 'part') {
      choosePart(item.id);
      afterPick(technician !== null, true);
      return null;
    }
    const taken = form.takeScan(item, title);
    return taken === undefined ? 'Scan a technician’s badge, a part or a bin here.' : taken;
  };

  const issue = async (): Promise<void> => {
    const line = form.readLine('Scan or type the part first.');
    if (!line) return;
    const checked = checkPayload('wallet.issue', {
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
    if (await screen.send('wallet.issue', checked.payload)) form.clearLine();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    form.onEscape(event, partId === null && qty === '' && bin.bin === '', form.clearLine);
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
        accepts={['person', 'part', 'bin', 'warehouse']}
        warehouseId={bin.warehouseId}
        onItem={onItem}
        onEmptyEnter={() => void issue()}
      />
      <CounterFeedback error={screen.error} queued={screen.queued} />
      <div className="counter-columns">
        <section className="card form-card" aria-label="Issue">
          <TechnicianPicker
            id="issue-technician"
            technicianId={technician?.id ?? null}
            name={technician?.name ?? null}
            onPick={form.setTechnician}
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
