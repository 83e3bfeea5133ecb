// Load (F5): the clerk's truck at the gate. Without a truck: continue one that is loading here
// (scan its gate pass or pick it) or open a new one. With a truck: scan assets and parts onto it
// (or off it, in unload mode), see its lines with their components and totals, and dispatch it
// with its seals. A refused scan says why in one line under the scan field, which keeps the focus.
import type { ScanItem } from '../../../src-preload/contract/lookup.ts';
import { ScanField } from '../components/scan-field.tsx';
import { LoadWork } from './load-work.tsx';
import { useShipment, useShipments } from './logistics-queries.ts';
import { cargoText } from './logistics-format.ts';
import { OpenTruckForm } from './open-truck-form.tsx';
import { useTruckStore } from './truck-store.ts';
import { useTruckScreen } from './use-truck-screen.ts';
import './logistics.css';

function ChooseTruck(): React.JSX.Element {
  const screen = useTruckScreen();
  const list = useShipments();
  const load = useTruckStore((s) => s.load);
  const loadingHere = (list.data?.outgoing ?? []).filter((s) => s.status === 'loading');

  const onItem = (item: ScanItem): string | null => {
    if (item.kind !== 'shipment') return 'Scan a gate pass here.';
    const truck = loadingHere.find((s) => s.id === item.id);
    if (!truck)
      return `${item.gatePassRef} is not loading here: open it on Shipments (F4) to see where it is.`;
    load(item.id);
    return null;
  };

  return (
    <div className="screen counter-screen load-screen">
      <h1 className="screen-title">Load</h1>
      <p className="hint">
        Scan the gate pass of a truck that is loading, pick it below, or open a new truck.
      </p>
      <ScanField id="load-scan" inputRef={screen.scanRef} accepts={['shipment']} onItem={onItem} />
      <div className="counter-columns">
        <section className="card form-card" aria-labelledby="loading-title">
          <h2 id="loading-title" className="panel-title">
            Loading here <span className="panel-sub">{loadingHere.length}</span>
          </h2>
          {loadingHere.length === 0 ? (
            <p className="hint">No truck is loading here.</p>
          ) : (
            <ul className="choice-list">
              {loadingHere.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="choice"
                    onClick={() => {
                      load(s.id);
                    }}
                  >
                    <span className="choice-title">
                      {s.gate_pass_ref} → {s.destination_code}
                      {s.pending ? ' · pending' : ''}
                    </span>
                    <span className="choice-sub">
                      {s.vehicle_reg ?? '—'} · {s.driver_name ?? ''} · {cargoText(s.assets, s.part_lines)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <OpenTruckForm screen={screen} onOpened={load} />
      </div>
    </div>
  );
}

export function LoadScreen(): React.JSX.Element {
  const id = useTruckStore((s) => s.loading);
  const detail = useShipment(id, { history: false });
  if (id === null || detail.isError) return <ChooseTruck />;
  if (!detail.data) return <div className="screen">Loading the truck…</div>;
  return <LoadWork key={id} detail={detail.data} />;
}
