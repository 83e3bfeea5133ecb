// Dispatching a loaded truck: the seal numbers put on it (typed or scanned into the seal field,
// Enter adds each), then Dispatch. Or cancelling it, with a reason: what was loaded goes back.
import { useState, type KeyboardEvent } from 'react';
import { sealNumber } from '../../../src-preload/contract/logistics/operations.ts';
import type { ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';
import { checkPayload } from '../util/payload-check.ts';
import type { TruckScreen } from './use-truck-screen.ts';

export function DispatchPanel(props: { detail: ShipmentDetail; screen: TruckScreen }): React.JSX.Element {
  const { shipment } = props.detail;
  const [seals, setSeals] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const empty = props.detail.assets.length === 0 && props.detail.parts.length === 0;

  const addSeal = (): boolean => {
    const parsed = sealNumber.safeParse(typed);
    if (!parsed.success) {
      setError(`Seal ${parsed.error.issues[0]?.message ?? 'is not a seal number'}.`);
      return false;
    }
    if (seals.includes(parsed.data)) {
      setError(`Seal ${parsed.data} is on the list already.`);
      return false;
    }
    setSeals((current) => [...current, parsed.data]);
    setTyped('');
    setError(null);
    return true;
  };

  const onSealKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (typed.trim() === '') void dispatch();
    else addSeal();
  };

  const dispatch = async (): Promise<void> => {
    let all = seals;
    if (typed.trim() !== '') {
      const parsed = sealNumber.safeParse(typed);
      if (!parsed.success) {
        setError(`Seal ${parsed.error.issues[0]?.message ?? 'is not a seal number'}.`);
        return;
      }
      all = seals.includes(parsed.data) ? seals : [...seals, parsed.data];
      setSeals(all);
      setTyped('');
    }
    const checked = checkPayload('shipment.dispatch', { shipment_id: shipment.id, seals: all });
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const refused = await props.screen.send('shipment.dispatch', checked.payload);
    setError(refused);
    if (refused === null) setSeals([]);
  };

  const cancel = async (): Promise<void> => {
    const text = reason.trim();
    const refused = await props.screen.send('shipment.cancel', {
      shipment_id: shipment.id,
      ...(text === '' ? {} : { reason: text }),
    });
    setError(refused);
    if (refused === null) setCancelling(false);
    props.screen.focusScan();
  };

  return (
    <section className="card form-card dispatch-panel" aria-labelledby="dispatch-title">
      <h2 id="dispatch-title" className="panel-title">
        Dispatch
      </h2>
      <div className="field">
        <label htmlFor="dispatch-seal">Seal number (Enter adds it)</label>
        <input
          id="dispatch-seal"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. KE-100231"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value.toUpperCase());
            setError(null);
          }}
          onKeyDown={onSealKey}
        />
      </div>
      {seals.length > 0 && (
        <ul className="seal-chips" aria-label="Seals to put on">
          {seals.map((seal) => (
            <li key={seal}>
              {seal}
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Remove seal ${seal}`}
                onClick={() => {
                  setSeals((current) => current.filter((s) => s !== seal));
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="form-error" role="alert">
        {error}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={props.screen.busy || empty}
          onClick={() => void dispatch()}
        >
          Dispatch {shipment.gate_pass_ref}
          {seals.length > 0 ? ` with ${seals.length} ${seals.length === 1 ? 'seal' : 'seals'}` : ''}
        </button>
        {!cancelling && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setCancelling(true);
            }}
          >
            Cancel this truck…
          </button>
        )}
      </div>
      {cancelling && (
        <div className="cancel-truck">
          <div className="field">
            <label htmlFor="cancel-reason">Why is it cancelled? (optional)</label>
            <input
              id="cancel-reason"
              type="text"
              maxLength={500}
              autoComplete="off"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void cancel();
                }
              }}
            />
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={props.screen.busy}
              onClick={() => void cancel()}
            >
              Cancel {shipment.gate_pass_ref}: everything goes back
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setCancelling(false);
              }}
            >
              Keep loading
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
