// Receiving one truck, blind: nothing counts until the clerk scans it off (assets at once, parts
// then their bin and quantity); each manifest line shows what it expects beside what was scanned,
// and the counters say how much of the truck has been scanned. The condition of the next scan (damaged, with a note) is set before it. Things not
// on the manifest are kept and flagged. Then each seal is checked and the receipt finished, with
// the discrepancy summary it will record shown first.
import { useCallback, useState, type KeyboardEvent } from 'react';
import type { ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';
import type { ScanItem } from '../../../src-preload/contract/lookup.ts';
import { ScanField } from '../components/scan-field.tsx';
import { checkPayload } from '../util/payload-check.ts';
import { CargoList } from './cargo-list.tsx';
import { DiscrepancyList } from './discrepancy-list.tsx';
import { ExpectedVsScanned } from './expected-vs-scanned.tsx';
import { finishPreview } from './finish-preview.ts';
import { formatQty, readQty } from './logistics-format.ts';
import { EMPTY_PART_ENTRY, PartEntry, type PartEntryValue } from './part-entry.tsx';
import { ReceiptList } from './receipt-list.tsx';
import { SealChecksPanel, type SealChecks } from './seal-checks.tsx';
import { StatusBadge } from './shipment-table.tsx';
import { useTruckStore } from './truck-store.ts';
import { useTruckScreen } from './use-truck-screen.ts';

function focusQty(): void {
  requestAnimationFrame(() => {
    const input = document.getElementById('receive-part-qty');
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  });
}

export function ReceiveWork(props: { detail: ShipmentDetail }): React.JSX.Element {
  const { shipment } = props.detail;
  const screen = useTruckScreen();
  const receive = useTruckStore((s) => s.receive);
  const [damaged, setDamaged] = useState(false);
  const [note, setNote] = useState('');
  const [entry, setEntry] = useState<PartEntryValue>(EMPTY_PART_ENTRY);
  const [partError, setPartError] = useState<string | null>(null);
  const [checks, setChecks] = useState<SealChecks>({});
  const [remark, setRemark] = useState('');
  const [finishError, setFinishError] = useState<string | null>(null);
  const onEntry = useCallback((value: PartEntryValue) => {
    setEntry(value);
    setPartError(null);
  }, []);
  const truck = { shipment_id: shipment.id };
  const condition = damaged ? { condition: 'damaged' as const, note: note.trim() } : {};
  const preview = finishPreview(props.detail, checks);

  const conditionReady = (): string | null =>
    damaged && note.trim() === '' ? 'Say what is damaged first (the note), then scan it.' : null;

  const afterReceipt = (): void => {
    setDamaged(false);
    setNote('');
  };

  const onItem = async (item: ScanItem): Promise<string | null> => {
    // An asset's operation replaces the last message when it is answered (cleared now, it would
    // flicker on every scan); a button's refusal goes at once.
    if (item.kind === 'asset') screen.setError(null);
    else screen.reset();
    switch (item.kind) {
      case 'shipment':
        if (item.id !== shipment.id) receive(item.id);
        return null;
      case 'asset': {
        const notReady = conditionReady();
        if (notReady !== null) return notReady;
        const refused = await screen.send('shipment.receive', { ...truck, asset_id: item.id, ...condition });
        if (refused === null) afterReceipt();
        return refused;
      }
      case 'part':
        setEntry({
          part: { id: item.id, sku: item.sku, name: item.name, unit: item.unit },
          warehouseId: entry.warehouseId,
          bin: '',
          qty: '',
        });
        focusQty();
        return null;
      case 'bin':
        if (entry.part === null) return 'Scan the part first, then the bin it goes into.';
        setEntry({ ...entry, warehouseId: item.warehouseId, bin: item.bin });
        focusQty();
        return null;
      case 'warehouse':
        if (entry.part === null) return 'Scan the part first, then the bin it goes into.';
        setEntry({ ...entry, warehouseId: item.id, bin: '' });
        return null;
      default:
        return 'Scan an asset, a part or a bin here.';
    }
  };

  const sendPart = async (): Promise<void> => {
    const part = entry.part;
    if (part === null) return;
    const notReady = conditionReady();
    if (notReady !== null) {
      setPartError(notReady);
      return;
    }
    const qty = readQty(entry.qty, part.unit);
    if (!qty.ok) {
      setPartError(qty.message);
      focusQty();
      return;
    }
    if (entry.warehouseId === null || (!damaged && entry.bin.trim() === '')) {
      setPartError('Scan or type the bin the parts go into.');
      return;
    }
    const refused = await screen.send('shipment.receive', {
      ...truck,
      part_id: part.id,
      qty: qty.value,
      location_id: entry.warehouseId,
      ...(damaged ? {} : { bin_location: entry.bin }),
      ...condition,
    });
    if (refused !== null) {
      setPartError(refused);
      focusQty();
      return;
    }
    afterReceipt();
    setEntry(EMPTY_PART_ENTRY);
    screen.focusScan();
  };

  const finish = async (): Promise<void> => {
    const unchecked = props.detail.seals.filter((s) => (checks[s.seal_number]?.result ?? null) === null);
    if (unchecked.length > 0) {
      setFinishError(`Check seal ${unchecked.map((s) => s.seal_number).join(', ')} first.`);
      return;
    }
    const payload = checkPayload('shipment.finish_receipt', {
      ...truck,
      seals: props.detail.seals.map((s) => {
        const check = checks[s.seal_number];
        return {
          seal_number: s.seal_number,
          result: check?.result,
          ...(check?.result === 'mismatch' && check.found.trim() !== '' ? { found_number: check.found } : {}),
        };
      }),
      ...(remark.trim() === '' ? {} : { note: remark.trim() }),
    });
    if (!payload.ok) {
      setFinishError(payload.message);
      return;
    }
    setFinishError(await screen.send('shipment.finish_receipt', payload.payload));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey && (event.key === 'd' || event.key === 'D')) {
      event.preventDefault();
      setDamaged((d) => !d);
    } else if (event.key === 'Escape' && entry.part !== null) {
      event.preventDefault();
      setEntry(EMPTY_PART_ENTRY);
      screen.focusScan();
    }
  };

  const title = (
    <>
      <h1 className="screen-title">
        Receive {shipment.gate_pass_ref} from {shipment.origin_code}{' '}
        <StatusBadge status={shipment.status} pending={shipment.pending} />
      </h1>
      <p className="panel-sub">
        {shipment.origin_name} · {shipment.vehicle_reg ?? '—'} · {shipment.driver_name ?? ''}
        {shipment.driver_id_number === null ? '' : ` (ID ${shipment.driver_id_number})`}
      </p>
    </>
  );

  if (!shipment.can_receive) {
    const arrived = shipment.status === 'received' || shipment.status === 'received_with_discrepancies';
    return (
      <div className="screen counter-screen receive-truck-screen">
        {title}
        <section className="card form-card" aria-label="Receipt">
          <p className="truck-done">
            {arrived
              ? `${shipment.gate_pass_ref} is received${props.detail.discrepancies.length > 0 ? ' with discrepancies' : ''}${shipment.pending ? ' (the server has not confirmed it yet)' : ''}.`
              : shipment.receiving_station !== null
                ? `${shipment.gate_pass_ref} is being received at ${shipment.receiving_station}.`
                : `${shipment.gate_pass_ref} cannot be received here (${shipment.status.replace(/_/g, ' ')}, for ${shipment.destination_code}).`}
          </p>
          {props.detail.discrepancies.length > 0 && <DiscrepancyList rows={props.detail.discrepancies} />}
          {arrived && <CargoList assets={props.detail.assets} parts={props.detail.parts} showReceived />}
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              autoFocus
              onClick={() => {
                receive(null);
              }}
            >
              Next truck
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="screen counter-screen receive-truck-screen" onKeyDown={onKeyDown}>
      {title}
      <p className="receive-counters" aria-live="polite">
        Scanned <strong>{preview.assets.scanned}</strong> of {preview.assets.expected} assets ·{' '}
        <strong>{formatQty(preview.parts.scanned)}</strong> of {formatQty(preview.parts.expected)} part units
      </p>
      <div className="load-mode" role="group" aria-label="Condition of the next scan">
        <button
          type="button"
          className={damaged ? 'toggle' : 'mode-toggle mode-toggle-on'}
          aria-pressed={!damaged}
          onClick={() => {
            setDamaged(false);
            screen.focusScan();
          }}
        >
          Next scan OK
        </button>
        <button
          type="button"
          className={damaged ? 'mode-toggle mode-toggle-on mode-toggle-danger' : 'mode-toggle'}
          aria-pressed={damaged}
          onClick={() => {
            setDamaged(true);
            document.getElementById('receive-note')?.focus();
          }}
        >
          Next scan damaged <kbd>Alt+D</kbd>
        </button>
        {damaged && (
          <div className="field damage-note">
            <label htmlFor="receive-note">What is damaged?</label>
            <input
              id="receive-note"
              type="text"
              maxLength={500}
              autoComplete="off"
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  screen.focusScan();
                }
              }}
            />
          </div>
        )}
      </div>
      <ScanField
        id="receive-truck-scan"
        inputRef={screen.scanRef}
        accepts={['asset', 'part', 'bin', 'warehouse', 'shipment']}
        warehouseId={entry.warehouseId}
        onItem={onItem}
        label="Scan what comes off the truck"
      />
      <div className="live-region" role="status" aria-live="polite">
        {screen.done !== null && <p className="truck-done">{screen.done}</p>}
      </div>
      <PartEntry
        id="receive-part"
        value={entry}
        onChange={onEntry}
        verb={damaged ? 'Receive damaged' : 'Receive'}
        proposeBin
        error={partError}
        busy={screen.busy}
        onSend={() => void sendPart()}
        onClear={() => {
          setEntry(EMPTY_PART_ENTRY);
          screen.focusScan();
        }}
      />
      <div className="counter-columns">
        <div className="receive-left">
          <section className="card form-card" aria-labelledby="expected-title">
            <h2 id="expected-title" className="panel-title">
              Expected vs scanned
            </h2>
            <ExpectedVsScanned detail={props.detail} />
          </section>
          <section className="card form-card" aria-labelledby="scanned-title">
            <h2 id="scanned-title" className="panel-title">
              Scans <span className="panel-sub">{props.detail.receipts.length}</span>
            </h2>
            <ReceiptList rows={props.detail.receipts} />
          </section>
        </div>
        <section className="card form-card" aria-labelledby="finish-title">
          <h2 id="finish-title" className="panel-title">
            Seals and finish
          </h2>
          <SealChecksPanel seals={props.detail.seals} checks={checks} onChange={setChecks} />
          <h3 className="truck-section-title">Finishing now records</h3>
          {preview.lines.length === 0 ? (
            <p className="hint">No discrepancy: everything on the manifest came off.</p>
          ) : (
            <ul className="discrepancy-list finish-preview" aria-label="Discrepancies to record">
              {preview.lines.map((line) => (
                <li key={line} className="discrepancy">
                  {line}
                </li>
              ))}
            </ul>
          )}
          <div className="field">
            <label htmlFor="receive-remark">Remark (optional)</label>
            <input
              id="receive-remark"
              type="text"
              maxLength={500}
              autoComplete="off"
              value={remark}
              onChange={(e) => {
                setRemark(e.target.value);
              }}
            />
          </div>
          <p className="form-error" role="alert">
            {finishError}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={screen.busy}
              onClick={() => void finish()}
            >
              Finish receipt
              {preview.lines.length > 0
                ? ` with ${preview.lines.length} ${preview.lines.length === 1 ? 'discrepancy' : 'discrepancies'}`
                : ''}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
