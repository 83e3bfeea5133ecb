// A truck's printed documents on its screen: the gate pass (once dispatched), the manifest (a draft
// while loading) and the receipt report (once received). The first print is the original; every
// later one is COPY n and asks why. The core draws the PDF in its print worker (a bar shows how far)
// and records the print; then it is printed once on one of the system's printers or saved. Below,
// every print of the truck: original and copies, who, where, why.
import { useState } from 'react';
import type { DocumentKind } from '../../../src-preload/contract/documents/operations.ts';
import type { DocumentsPrintResult } from '../../../src-preload/contract/documents/api.ts';
import type { ShipmentSummary } from '../../../src-preload/contract/logistics/reads.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useStationQuery } from '../api/use-station-query.ts';
import { exactTime } from '../util/time.ts';
import { MakeProgress, PrintPanel } from './print-panel.tsx';
import { useMakeDocument } from './use-make-document.ts';
import './print.css';

const WORDS: Record<DocumentKind, string> = {
  gate_pass: 'Gate pass',
  manifest: 'Manifest',
  receipt: 'Receipt report',
};

/** Why a document cannot be printed in this state, or null when it can. */
function blocked(kind: DocumentKind, status: ShipmentSummary['status']): string | null {
  if (status === 'cancelled') return 'The truck was cancelled.';
  if (kind === 'gate_pass' && status !== 'dispatched')
    return status === 'loading'
      ? 'Printed once the truck is dispatched with its seals.'
      : 'The truck has arrived.';
  if (kind === 'receipt' && status !== 'received' && status !== 'received_with_discrepancies')
    return 'Printed when the receipt is finished.';
  return null;
}

export function ShipmentPrints(props: {
  shipment: Pick<ShipmentSummary, 'id' | 'gate_pass_ref' | 'status'>;
}): React.JSX.Element {
  const client = useStationClient();
  const s = props.shipment;
  const prints = useStationQuery('documents.forShipment', { shipmentId: s.id });
  const doc = useMakeDocument<DocumentsPrintResult>();
  const [asking, setAsking] = useState<DocumentKind | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const list = prints.data ?? [];
  const nextCopy = (kind: DocumentKind): number => {
    const copies = list.filter((p) => p.kind === kind).map((p) => p.copy);
    return copies.length === 0 ? 0 : Math.max(...copies) + 1;
  };
  const draftManifest = s.status === 'loading';

  const make = async (kind: DocumentKind, why?: string): Promise<void> => {
    await doc.make((requestId) =>
      client.call('documents.print', {
        shipmentId: s.id,
        kind,
        requestId,
        ...(why !== undefined ? { reason: why } : {}),
      }),
    );
  };

  const start = (kind: DocumentKind): void => {
    doc.reset();
    setReasonError(null);
    if (!(kind === 'manifest' && draftManifest) && nextCopy(kind) > 0) {
      setAsking(kind);
      setReason('');
      return;
    }
    setAsking(null);
    void make(kind);
  };

  const reprint = (): void => {
    if (asking === null) return;
    if (reason.trim().length < 3) {
      setReasonError('Say why it is printed again (at least 3 characters).');
      return;
    }
    const kind = asking;
    setAsking(null);
    void make(kind, reason.trim());
  };

  return (
    <section className="shipment-prints" aria-label="Documents">
      <h3 className="section-title">Documents</h3>
      <div className="form-actions">
        {(['gate_pass', 'manifest', 'receipt'] as const).map((kind) => {
          const why = blocked(kind, s.status);
          const copy = kind === 'manifest' && draftManifest ? 0 : nextCopy(kind);
          const label =
            kind === 'manifest' && draftManifest
              ? 'Print draft manifest'
              : copy === 0
                ? `Print ${WORDS[kind].toLowerCase()}`
                : `Reprint ${WORDS[kind].toLowerCase()} (COPY ${String(copy)})`;
          return (
            <button
              key={kind}
              type="button"
              className="button"
              disabled={why !== null || doc.busy}
              title={why ?? undefined}
              onClick={() => {
                start(kind);
              }}
            >
              {label}
            </button>
          );
        })}
      </div>
      {asking !== null && (
        <form
          className="reprint-reason"
          onSubmit={(e) => {
            e.preventDefault();
            reprint();
          }}
        >
          <p className="notice">
            {s.gate_pass_ref}&apos;s {WORDS[asking].toLowerCase()} was printed before: this print is COPY{' '}
            {nextCopy(asking)} and says so on the paper.
          </p>
          <div className="field">
            <label htmlFor="reprint-reason">Why is it printed again?</label>
            <input
              id="reprint-reason"
              value={reason}
              maxLength={500}
              autoFocus
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(null);
              }}
            />
          </div>
          <div className="form-error" role="alert">
            {reasonError}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              Reprint COPY {nextCopy(asking)}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setAsking(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {doc.busy && <MakeProgress progress={doc.progress} label="Drawing the document…" />}
      {doc.error !== null && (
        <div className="form-error" role="alert">
          {doc.error}
        </div>
      )}
      {doc.made !== null && <PrintPanel document={doc.made} id="shipment-print" />}
      {list.length > 0 && (
        <table className="lines-table prints-table">
          <caption className="visually-hidden">Prints of {s.gate_pass_ref}</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Print</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.documentId}>
                <td>{WORDS[p.kind]}</td>
                <td>
                  {p.copy === 0 ? 'Original' : `COPY ${String(p.copy)}`}
                  {p.pending ? ' (not sent yet)' : ''}
                </td>
                <td>{exactTime(p.issuedAt)}</td>
                <td>
                  {p.issuedBy ?? '—'}
                  {p.station !== null && <span className="hint prints-station">{p.station}</span>}
                </td>
                <td>{p.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
