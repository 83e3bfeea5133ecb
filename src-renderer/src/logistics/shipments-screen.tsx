// Shipments (F4): the trucks of this site. Leaving: loading and on the way, then those that
// arrived lately (with what their receipt found); coming: on the way here, then arrived;
// returnable passes whose goods are not back, overdue first. Scan a gate pass (or pick a row) to
// see the truck; from there continue loading it or receive it.
import { useEffect } from 'react';
import type { ScanItem } from '../../../src-preload/contract/lookup.ts';
import { readableError } from '../api/api-call-error.ts';
import { ScanField } from '../components/scan-field.tsx';
import { useSessionStore } from '../state/session-store.ts';
import { useShipment, useShipments } from './logistics-queries.ts';
import { ShipmentDetailPanel } from './shipment-detail.tsx';
import { ShipmentTable } from './shipment-table.tsx';
import { useTruckStore } from './truck-store.ts';
import './logistics.css';

export function ShipmentsScreen(): React.JSX.Element {
  const list = useShipments();
  const chosen = useTruckStore((s) => s.shown);
  const choose = useTruckStore((s) => s.show);
  const load = useTruckStore((s) => s.load);
  const receive = useTruckStore((s) => s.receive);
  const show = useSessionStore((s) => s.show);
  const detail = useShipment(chosen);

  const onItem = (item: ScanItem): string | null => {
    if (item.kind !== 'shipment') return 'Scan a gate pass here.';
    choose(item.id);
    return null;
  };

  // F5 and F6 then open the truck shown here, when it can be loaded or received here.
  const shown = detail.data?.shipment;
  useEffect(() => {
    if (shown?.can_load === true) load(shown.id);
    if (shown?.can_receive === true) receive(shown.id);
  }, [shown?.id, shown?.can_load, shown?.can_receive, load, receive]);

  const data = list.data;
  const outgoing = data?.outgoing ?? [];
  const incoming = data?.incoming ?? [];
  const d = detail.data;
  const actions =
    d === undefined ? undefined : (
      <>
        {d.shipment.can_load && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              load(d.shipment.id);
              show('load', 'logistics');
            }}
          >
            Continue loading <kbd>F5</kbd>
          </button>
        )}
        {d.shipment.can_receive && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              receive(d.shipment.id);
              show('receive-truck', 'logistics');
            }}
          >
            Receive this truck <kbd>F6</kbd>
          </button>
        )}
      </>
    );

  return (
    <div className="screen shipments-screen">
      <h1 className="screen-title">Shipments</h1>
      <ScanField id="shipments-scan" accepts={['shipment']} onItem={onItem} compact label="Find a truck" />
      {list.isError && (
        <p className="form-error" role="alert">
          {readableError(list.error)}
        </p>
      )}
      <div className="shipments-columns">
        <div className="shipments-lists">
          <section className="card truck-section" aria-labelledby="outgoing-title">
            <h2 id="outgoing-title" className="panel-title">
              Leaving <span className="panel-sub">{outgoing.length}</span>
            </h2>
            <ShipmentTable
              label="Trucks leaving"
              rows={outgoing}
              end="destination"
              chosen={chosen}
              onChoose={choose}
              empty="No truck is loading or on its way from here."
            />
          </section>
          <section className="card truck-section" aria-labelledby="incoming-title">
            <h2 id="incoming-title" className="panel-title">
              Coming <span className="panel-sub">{incoming.length}</span>
            </h2>
            <ShipmentTable
              label="Trucks coming"
              rows={incoming}
              end="origin"
              chosen={chosen}
              onChoose={choose}
              empty="No truck is on its way here."
            />
          </section>
          <section className="card truck-section" aria-labelledby="returnable-title">
            <h2 id="returnable-title" className="panel-title">
              Returnable passes not back <span className="panel-sub">{data?.returnable.length ?? 0}</span>
            </h2>
            <ShipmentTable
              label="Returnable passes not back"
              rows={data?.returnable ?? []}
              end="destination"
              chosen={chosen}
              onChoose={choose}
              empty="Every returnable pass is back."
              returnable
            />
          </section>
        </div>
        <div className="shipments-detail">
          {d !== undefined ? (
            <ShipmentDetailPanel detail={d} actions={actions} />
          ) : detail.isError ? (
            <p className="form-error" role="alert">
              {readableError(detail.error)}
            </p>
          ) : (
            <p className="hint">Scan a gate pass or pick a truck to see its manifest, seals and history.</p>
          )}
        </div>
      </div>
    </div>
  );
}
