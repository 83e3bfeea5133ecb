// A list of trucks (one section of Shipments): gate pass, state, the other end, vehicle and driver,
// what is on it and when. A row opens the truck's details; the chosen row stays marked.
import type { ShipmentSummary } from '../../../src-preload/contract/logistics/reads.ts';
import { RelativeTime } from '../components/relative-time.tsx';
import { shortDate, STATUS_WORDS } from './logistics-format.ts';

export function StatusBadge(props: {
  status: ShipmentSummary['status'];
  pending: boolean;
}): React.JSX.Element {
  return (
    <span className={`truck-status truck-${props.status}`}>
      {STATUS_WORDS[props.status]}
      {props.pending && <span className="truck-pending"> · pending</span>}
    </span>
  );
}

function when(s: ShipmentSummary): React.JSX.Element {
  const at = s.received_at ?? s.dispatched_at ?? s.created_at;
  return <RelativeTime iso={at} />;
}

export function ShipmentTable(props: {
  label: string;
  rows: readonly ShipmentSummary[];
  /** Which end to show: the destination for trucks leaving, the origin for trucks coming. */
  end: 'destination' | 'origin';
  chosen: string | null;
  onChoose: (id: string) => void;
  empty: string;
  returnable?: boolean;
}): React.JSX.Element {
  if (props.rows.length === 0) return <p className="hint">{props.empty}</p>;
  return (
    <div className="lines-scroll">
      <table className="lines-table truck-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">Gate pass · state</th>
            <th scope="col">{props.end === 'destination' ? 'To' : 'From'}</th>
            <th scope="col">Vehicle</th>
            <th scope="col">On it</th>
            <th scope="col">{props.returnable ? 'Due back' : 'When'}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((s) => (
            <tr
              key={s.id}
              className={[
                s.id === props.chosen ? 'row-chosen' : '',
                s.overdue ? 'row-overdue' : '',
                s.discrepancies > 0 ? 'row-discrepancies' : '',
              ].join(' ')}
            >
              <td>
                <button
                  type="button"
                  className="link-button truck-ref"
                  aria-pressed={s.id === props.chosen}
                  onClick={() => {
                    props.onChoose(s.id);
                  }}
                >
                  {s.gate_pass_ref}
                </button>
                <StatusBadge status={s.status} pending={s.pending} />
                {s.discrepancies > 0 && (
                  <span className="truck-discrepancies">
                    {s.discrepancies} {s.discrepancies === 1 ? 'discrepancy' : 'discrepancies'}
                  </span>
                )}
              </td>
              <td className="truck-end">
                {props.end === 'destination' ? s.destination_code : s.origin_code}
              </td>
              <td>
                <span className="line-sku">{s.vehicle_reg ?? '—'}</span>
                <span className="line-name">{s.driver_name ?? ''}</span>
              </td>
              <td className="truck-cargo">
                <span>
                  {s.assets} {s.assets === 1 ? 'asset' : 'assets'}
                </span>
                <span>
                  {s.part_lines} {s.part_lines === 1 ? 'part line' : 'part lines'}
                </span>
              </td>
              <td>
                {props.returnable ? (
                  <span className={s.overdue ? 'truck-overdue' : undefined}>
                    {shortDate(s.expected_return_date)}
                    {s.overdue && ' · overdue'}
                  </span>
                ) : (
                  when(s)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
