// Work orders (F5): the site's open work orders, overdue first, then in progress, ready, draft;
// filtered by asset, origin and technician (a technician starts with their own). Choosing one
// shows it with its checklist and what may be done to it; supervisors raise corrective work.
import { useState } from 'react';
import type { WorkOrderRow } from '../../../../src-preload/contract/maintenance/work-order-reads.ts';
import { OPERATIONS } from '../../../../src-preload/contract/operations.ts';
import { readableError } from '../../api/api-call-error.ts';
import { useSessionStore } from '../../state/session-store.ts';
import { AssetPicker, type PickedAsset } from '../asset/asset-picker.tsx';
import { useTechnicians, useWorkOrders } from '../maintenance-queries.ts';
import { useMaintenanceStore } from '../maintenance-store.ts';
import { dayText, ORIGIN_WORDS, WO_STATUS_PILL, WO_STATUS_WORDS } from '../maintenance-words.ts';
import { NewWorkOrder } from './new-work-order.tsx';
import { WorkOrderPanel } from './work-order-detail.tsx';
import '../maintenance.css';

type Origin = 'pm' | 'cm' | 'defect';

export function WorkOrdersScreen(): React.JSX.Element {
  const user = useSessionStore((s) => s.user);
  const role = user?.role ?? 'operator';
  const selected = useMaintenanceStore((s) => s.workOrderId);
  const select = useMaintenanceStore((s) => s.selectWorkOrder);
  const technicians = useTechnicians();
  const [asset, setAsset] = useState<PickedAsset | null>(null);
  const [origin, setOrigin] = useState<Origin | ''>('');
  const [assignee, setAssignee] = useState(role === 'technician' && user ? user.id : '');
  const [withClosed, setWithClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useWorkOrders({
    ...(asset ? { asset_id: asset.id } : {}),
    ...(origin === '' ? {} : { origin }),
    ...(assignee === '' ? {} : { assignee_id: assignee }),
    ...(withClosed ? { include_closed: true } : {}),
  });
  const mayCreate = OPERATIONS['wo.create'].roles.includes(role);

  return (
    <div className="screen mx-screen">
      <h1 className="screen-title">Work orders</h1>
      <div className="mx-split">
        <section className="mx-stack" aria-label="Work order list">
          {/* One scan field at a time: while a new work order is raised, scans go to its asset. */}
          {!creating && (
            <AssetPicker id="wo-asset-filter" label="Asset (scan, code or name)" onPick={setAsset} compact />
          )}
          <div className="mx-filters">
            {asset !== null && (
              <button
                type="button"
                className="button button-quiet mx-button-small"
                onClick={() => {
                  setAsset(null);
                }}
              >
                {asset.label} ✕
              </button>
            )}
            <label>
              Origin
              <select
                value={origin}
                onChange={(e) => {
                  setOrigin(e.target.value as Origin | '');
                }}
              >
                <option value="">All</option>
                <option value="pm">PM</option>
                <option value="cm">Corrective</option>
                <option value="defect">Defect</option>
              </select>
            </label>
            <label>
              Technician
              <select
                value={assignee}
                onChange={(e) => {
                  setAssignee(e.target.value);
                }}
              >
                <option value="">Anyone</option>
                {technicians.data?.rows.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.full_name}
                  </option>
                ))}
              </select>
            </label>
            <label className="mx-check">
              <input
                type="checkbox"
                checked={withClosed}
                onChange={(e) => {
                  setWithClosed(e.target.checked);
                }}
              />{' '}
              Closed too
            </label>
            {mayCreate && (
              <button
                type="button"
                className="button button-primary mx-button-small"
                onClick={() => {
                  setCreating(true);
                }}
              >
                New work order
              </button>
            )}
          </div>
          {list.isError && (
            <p className="form-error" role="alert">
              {readableError(list.error)}
            </p>
          )}
          {list.data && list.data.rows.length === 0 && <p className="hint">No open work orders match.</p>}
          <ul className="mx-list">
            {list.data?.rows.map((row) => (
              <li key={row.id}>
                <WorkOrderListRow
                  row={row}
                  current={!creating && row.id === selected}
                  onOpen={() => {
                    setCreating(false);
                    select(row.id);
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
        {creating ? (
          <NewWorkOrder
            onCreated={(id) => {
              setCreating(false);
              select(id);
            }}
            onClose={() => {
              setCreating(false);
            }}
          />
        ) : selected === null ? (
          <section className="card mx-panel hint">
            Choose a work order to see its checklist and act on it.
          </section>
        ) : (
          <WorkOrderPanel woId={selected} role={role} />
        )}
      </div>
    </div>
  );
}

function WorkOrderListRow(props: {
  row: WorkOrderRow;
  current: boolean;
  onOpen: () => void;
}): React.JSX.Element {
  const { row } = props;
  return (
    <button type="button" className="mx-row" aria-current={props.current} onClick={props.onOpen}>
      <span className="mx-code">{row.code ?? 'New'}</span>
      <span>{row.title}</span>
      <span>
        {row.overdue ? (
          <span className="mx-pill mx-pill-bad">Overdue</span>
        ) : (
          <span className={WO_STATUS_PILL[row.status]}>{WO_STATUS_WORDS[row.status]}</span>
        )}
      </span>
      <span className="mx-row-sub">
        {[
          row.asset_label,
          ORIGIN_WORDS[row.origin],
          row.overdue ? WO_STATUS_WORDS[row.status] : null,
          row.assigned_to_name,
          row.due_date === null ? null : `due ${dayText(row.due_date)}`,
          row.tasks_total > 0 ? `${String(row.tasks_done)}/${String(row.tasks_total)} tasks` : null,
          row.pending ? 'change queued' : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </button>
  );
}
