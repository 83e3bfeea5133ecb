// One truck on the Shipments screen: who drives it where, its state, its manifest (assets with
// their components, part lines), seals, what came off at the destination, the discrepancies the
// receipt found (both ends see them) and its history. Actions (continue loading, receive) come from
// the screen.
import type { ReactNode } from 'react';
import type { ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';
import { ShipmentPrints } from '../print/shipment-prints.tsx';
import { exactTime } from '../util/time.ts';
import { CargoList } from './cargo-list.tsx';
import { DiscrepancyList } from './discrepancy-list.tsx';
import { formatQty, shortDate } from './logistics-format.ts';
import { StatusBadge } from './shipment-table.tsx';

const SEAL_WORDS = { intact: 'intact', broken: 'broken', mismatch: 'another number' } as const;

function Fact(props: { label: string; value: string | null }): React.JSX.Element | null {
  if (props.value === null || props.value === '') return null;
  return (
    <div className="detail">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

export function ShipmentDetailPanel(props: {
  detail: ShipmentDetail;
  actions?: ReactNode;
}): React.JSX.Element {
  const { shipment: s, assets, parts, seals, receipts, discrepancies, history } = props.detail;
  const arrived = s.status === 'received' || s.status === 'received_with_discrepancies';
  return (
    <article className="card truck-detail" aria-labelledby="truck-detail-title">
      <header className="truck-detail-head">
        <h2 id="truck-detail-title" className="panel-title">
          {s.gate_pass_ref} <StatusBadge status={s.status} pending={s.pending} />
        </h2>
        <p className="panel-sub">
          {s.origin_name} ({s.origin_code}) → {s.destination_name} ({s.destination_code})
        </p>
        {props.actions !== undefined && <div className="form-actions truck-actions">{props.actions}</div>}
      </header>
      <dl className="details truck-facts">
        <Fact label="Vehicle" value={[s.vehicle_reg, s.trailer_reg].filter(Boolean).join(' + trailer ')} />
        <Fact label="Driver" value={[s.driver_name, s.driver_id_number].filter(Boolean).join(' · ID ')} />
        <Fact label="JMS trip" value={s.jms_reference} />
        <Fact
          label="Returnable"
          value={
            s.is_returnable
              ? s.returned_at !== null
                ? `back ${shortDate(s.returned_at)}`
                : `due back ${shortDate(s.expected_return_date)}${s.overdue ? ' · overdue' : ''}`
              : null
          }
        />
        <Fact label="Remarks" value={s.notes} />
        <Fact label="Opened by" value={s.created_by} />
        <Fact
          label="Dispatched"
          value={s.dispatched_at === null ? null : `${exactTime(s.dispatched_at)} · ${s.dispatched_by ?? ''}`}
        />
        <Fact label="Receiving station" value={arrived ? null : s.receiving_station} />
        <Fact
          label="Received"
          value={s.received_at === null ? null : `${exactTime(s.received_at)} · ${s.received_by ?? ''}`}
        />
        <Fact label="Receipt remark" value={s.receipt_note} />
        <Fact label="Cancelled because" value={s.cancel_reason} />
      </dl>
      <ShipmentPrints shipment={s} />
      {discrepancies.length > 0 && (
        <section aria-label="Discrepancies">
          <h3 className="truck-section-title">Discrepancies</h3>
          <DiscrepancyList rows={discrepancies} />
        </section>
      )}
      <section aria-label="Manifest">
        <h3 className="truck-section-title">Manifest</h3>
        <CargoList assets={assets} parts={parts} showReceived={arrived} />
      </section>
      {seals.length > 0 && (
        <section aria-label="Seals">
          <h3 className="truck-section-title">Seals</h3>
          <ul className="seal-list">
            {seals.map((seal) => (
              <li key={seal.seq}>
                <span className="line-sku">{seal.seal_number}</span>
                {seal.check_result !== null && (
                  <span className={`seal-${seal.check_result}`}>
                    {' '}
                    {SEAL_WORDS[seal.check_result]}
                    {seal.found_number !== null && ` (${seal.found_number} found)`}
                  </span>
                )}
                {seal.pending && <span className="truck-pending"> · pending</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {receipts.length > 0 && (
        <section aria-label="Scanned off the truck">
          <h3 className="truck-section-title">Scanned off the truck ({receipts.length})</h3>
          <ul className="receipt-list">
            {receipts.map((r) => (
              <li key={`${r.kind}:${r.item_id}:${r.received_at}`}>
                <span className="line-sku">{r.code}</span> {r.name}
                {r.qty !== null && ` · ${formatQty(r.qty)}`}
                {r.bin !== null && ` into ${r.bin}`}
                {!r.on_manifest && <span className="cargo-extra"> · not on the manifest</span>}
                {r.condition === 'damaged' && <span className="cargo-damaged"> · damaged</span>}
                {r.pending && <span className="truck-pending"> · pending</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="History">
        <h3 className="truck-section-title">History</h3>
        <ol className="truck-history">
          {history.map((event, i) => (
            <li key={`${event.at}:${i}`}>
              <time dateTime={event.at}>{exactTime(event.at)}</time> {event.what}
              {event.who !== null && ` · ${event.who}`}
              {event.pending && <span className="truck-pending"> · pending</span>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
