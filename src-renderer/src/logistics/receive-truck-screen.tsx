// Receive truck (F6): a truck arriving at this site. Scan its gate pass or pick it among the trucks
// on their way here; then receive it blind (receive-work.tsx).
import type { ScanItem } from '../../../src-preload/contract/lookup.ts';
import { ScanField } from '../components/scan-field.tsx';
import { useShipment, useShipments } from './logistics-queries.ts';
import { cargoText } from './logistics-format.ts';
import { ReceiveWork } from './receive-work.tsx';
import { useTruckStore } from './truck-store.ts';
import './logistics.css';

function ChooseArrival(): React.JSX.Element {
  const list = useShipments();
  const receive = useTruckStore((s) => s.receive);
  const onTheWay = (list.data?.incoming ?? []).filter((s) => s.status === 'dispatched');

  const onItem = (item: ScanItem): string | null => {
    // The pass's signed QR code: verified from this station's cache; only a genuine pass opens it.
    if (item.kind === 'pass') {
      if (item.check.verdict !== 'genuine' || item.check.shipmentId === null) return item.check.line;
      receive(item.check.shipmentId);
      return null;
    }
    if (item.kind !== 'shipment') return 'Scan the gate pass the driver hands in.';
    receive(item.id);
    return null;
  };

  return (
    <div className="screen counter-screen receive-truck-screen">
      <h1 className="screen-title">Receive truck</h1>
      <p className="hint">Scan the gate pass the driver hands in, or pick the truck.</p>
      <ScanField id="receive-truck-scan" accepts={['shipment', 'pass']} onItem={onItem} />
      <section className="card form-card" aria-labelledby="arriving-title">
        <h2 id="arriving-title" className="panel-title">
          On the way here <span className="panel-sub">{onTheWay.length}</span>
        </h2>
        {onTheWay.length === 0 ? (
          <p className="hint">No truck is on its way here.</p>
        ) : (
          <ul className="choice-list choice-grid">
            {onTheWay.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="choice"
                  onClick={() => {
                    receive(s.id);
                  }}
                >
                  <span className="choice-title">
                    {s.gate_pass_ref} from {s.origin_code}
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
    </div>
  );
}

export function ReceiveTruckScreen(): React.JSX.Element {
  const id = useTruckStore((s) => s.receiving);
  const detail = useShipment(id, { history: false });
  if (id === null || detail.isError) return <ChooseArrival />;
  if (!detail.data) return <div className="screen">Loading the truck…</div>;
  return <ReceiveWork key={id} detail={detail.data} />;
}
