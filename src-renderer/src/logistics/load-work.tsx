// Loading one truck: the scan field takes assets (loaded at once, with their components), parts
// (then the bin and quantity), bin labels and warehouse codes, and another gate pass (switches
// truck). Unload mode (Alt+U) takes things off instead. The lines, totals and the dispatch panel
// are beside it. Once dispatched or cancelled, the truck's state is shown with a way to the next.
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { CargoAsset, CargoPart, ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';
import type { ScanItem } from '../../../src-preload/contract/lookup.ts';
import { ScanField } from '../components/scan-field.tsx';
import { CargoList } from './cargo-list.tsx';
import { DispatchPanel } from './dispatch-panel.tsx';
import { readQty } from './logistics-format.ts';
import { EMPTY_PART_ENTRY, PartEntry, type PartEntryValue } from './part-entry.tsx';
import { StatusBadge } from './shipment-table.tsx';
import { useTruckStore } from './truck-store.ts';
import { useTruckScreen } from './use-truck-screen.ts';

function focusQty(): void {
  requestAnimationFrame(() => {
    const input = document.getElementById('load-part-qty');
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  });
}

export function LoadWork(props: { detail: ShipmentDetail }): React.JSX.Element {
  const { shipment } = props.detail;
  const screen = useTruckScreen();
  const load = useTruckStore((s) => s.load);
  const [unloading, setUnloading] = useState(false);
  const [entry, setEntry] = useState<PartEntryValue>(EMPTY_PART_ENTRY);
  const [partError, setPartError] = useState<string | null>(null);
  const onEntry = useCallback((value: PartEntryValue) => {
    setEntry(value);
    setPartError(null);
  }, []);
  const truck = { shipment_id: shipment.id };
  const verb = unloading ? 'shipment.unload' : 'shipment.load';

  /** The truck's line of this part, when unloading (its bin and quantity). */
  const lineOf = (partId: string): CargoPart | undefined =>
    props.detail.parts.find((p) => p.part_id === partId);

  const onItem = async (item: ScanItem): Promise<string | null> => {
    // An asset's operation replaces the last message when it is answered (cleared now, it would
    // flicker on every scan); a button's refusal goes at once.
    if (item.kind === 'asset') screen.setError(null);
    else screen.reset();
    switch (item.kind) {
      case 'shipment':
        if (item.id !== shipment.id) load(item.id);
        return null;
      case 'asset':
        return screen.send(verb, { ...truck, asset_id: item.id });
      case 'part': {
        const line = unloading ? lineOf(item.id) : undefined;
        if (unloading && !line) return `${item.sku} is not on ${shipment.gate_pass_ref}.`;
        setEntry({
          part: { id: item.id, sku: item.sku, name: item.name, unit: item.unit },
          warehouseId: line?.source_location_id ?? null,
          bin: line?.source_bin ?? '',
          qty: '',
        });
        setPartError(null);
        focusQty();
        return null;
      }
      case 'bin':
        if (entry.part === null) return 'Scan the part first, then its bin.';
        setEntry({ ...entry, warehouseId: item.warehouseId, bin: item.bin });
        focusQty();
        return null;
      case 'warehouse':
        if (entry.part === null) return 'Scan the part first, then its bin.';
        setEntry({ ...entry, warehouseId: item.id, bin: '' });
        return null;
      default:
        return 'Scan an asset, a part or a bin here.';
    }
  };

  const sendPart = async (): Promise<void> => {
    const part = entry.part;
    if (part === null) return;
    if (entry.warehouseId === null || entry.bin.trim() === '') {
      setPartError('Scan or type the bin the parts come from.');
      return;
    }
    const base = { ...truck, part_id: part.id, location_id: entry.warehouseId, bin_location: entry.bin };
    let refused: string | null;
    if (unloading && entry.qty.trim() === '') refused = await screen.send('shipment.unload', base);
    else {
      const qty = readQty(entry.qty, part.unit);
      if (!qty.ok) {
        setPartError(qty.message);
        focusQty();
        return;
      }
      refused = await screen.send(verb, { ...base, qty: qty.value });
    }
    if (refused !== null) {
      setPartError(refused);
      focusQty();
      return;
    }
    setEntry(EMPTY_PART_ENTRY);
    screen.focusScan();
  };

  // Stable across renders, so the truck's unchanged lines are not redrawn; a click while another
  // change is on its way is ignored (the buttons are not disabled line by line).
  const latest = useRef(screen);
  latest.current = screen;
  const shipmentId = shipment.id;
  const unloadAsset = useCallback(
    (asset: CargoAsset): void => {
      const current = latest.current;
      if (current.busy) return;
      void current
        .send('shipment.unload', { shipment_id: shipmentId, asset_id: asset.asset_id })
        .then((refused) => {
          latest.current.setError(refused);
          latest.current.focusScan();
        });
    },
    [shipmentId],
  );
  const unloadPart = useCallback(
    (part: CargoPart): void => {
      const current = latest.current;
      if (current.busy) return;
      void current
        .send('shipment.unload', {
          shipment_id: shipmentId,
          part_id: part.part_id,
          location_id: part.source_location_id,
          bin_location: part.source_bin,
        })
        .then((refused) => {
          latest.current.setError(refused);
          latest.current.focusScan();
        });
    },
    [shipmentId],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey && (event.key === 'u' || event.key === 'U')) {
      event.preventDefault();
      setUnloading((u) => !u);
      screen.focusScan();
    } else if (event.key === 'Escape' && entry.part !== null) {
      event.preventDefault();
      setEntry(EMPTY_PART_ENTRY);
      screen.focusScan();
    }
  };

  const loadingHere = shipment.status === 'loading' && shipment.can_load;
  return (
    <div className="screen counter-screen load-screen" onKeyDown={onKeyDown}>
      <h1 className="screen-title">
        Load {shipment.gate_pass_ref} → {shipment.destination_code}{' '}
        <StatusBadge status={shipment.status} pending={shipment.pending} />
      </h1>
      <p className="panel-sub">
        {shipment.destination_name} · {shipment.vehicle_reg ?? '—'}
        {shipment.trailer_reg === null ? '' : ` + ${shipment.trailer_reg}`} · {shipment.driver_name ?? ''}
        {shipment.driver_id_number === null ? '' : ` (ID ${shipment.driver_id_number})`}
      </p>
      {loadingHere ? (
        <>
          <div className="load-mode" role="group" aria-label="Scans">
            <button
              type="button"
              className={unloading ? 'toggle' : 'mode-toggle mode-toggle-on'}
              aria-pressed={!unloading}
              onClick={() => {
                setUnloading(false);
                screen.focusScan();
              }}
            >
              Scans load
            </button>
            <button
              type="button"
              className={unloading ? 'mode-toggle mode-toggle-on mode-toggle-danger' : 'mode-toggle'}
              aria-pressed={unloading}
              onClick={() => {
                setUnloading(true);
                screen.focusScan();
              }}
            >
              Scans unload <kbd>Alt+U</kbd>
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                load(null);
              }}
            >
              Another truck
            </button>
          </div>
          <ScanField
            id="load-scan"
            inputRef={screen.scanRef}
            accepts={['asset', 'part', 'bin', 'warehouse', 'shipment']}
            warehouseId={entry.warehouseId}
            onItem={onItem}
            label={unloading ? 'Scan what comes off the truck' : 'Scan what goes on the truck'}
          />
          <div className="live-region" role="status" aria-live="polite">
            {screen.done !== null && <p className="truck-done">{screen.done}</p>}
          </div>
          <p className="form-error" role="alert">
            {screen.error}
          </p>
          <PartEntry
            id="load-part"
            value={entry}
            onChange={onEntry}
            verb={unloading ? 'Unload' : 'Load'}
            proposeBin={!unloading}
            qtyOptional={unloading}
            error={partError}
            busy={screen.busy}
            onSend={() => void sendPart()}
            onClear={() => {
              setEntry(EMPTY_PART_ENTRY);
              screen.focusScan();
            }}
          />
          <div className="counter-columns load-columns">
            <section className="card form-card" aria-labelledby="cargo-title">
              <h2 id="cargo-title" className="panel-title">
                On the truck
              </h2>
              <CargoList
                assets={props.detail.assets}
                parts={props.detail.parts}
                onUnloadAsset={unloadAsset}
                onUnloadPart={unloadPart}
              />
            </section>
            <DispatchPanel detail={props.detail} screen={screen} />
          </div>
        </>
      ) : (
        <section className="card form-card" aria-label="Truck state">
          <p className="truck-done">
            {shipment.status === 'loading'
              ? `${shipment.gate_pass_ref} is loading at ${shipment.origin_code}: only a station there loads it.`
              : shipment.status === 'cancelled'
                ? `${shipment.gate_pass_ref} is cancelled; what was on it is back where it came from.`
                : `${shipment.gate_pass_ref} has left for ${shipment.destination_code}${shipment.pending ? ' (the server has not confirmed it yet)' : ''}.`}
          </p>
          {screen.done !== null && <p className="hint">{screen.done}</p>}
          <CargoList assets={props.detail.assets} parts={props.detail.parts} />
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              autoFocus
              onClick={() => {
                load(null);
              }}
            >
              Next truck
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
