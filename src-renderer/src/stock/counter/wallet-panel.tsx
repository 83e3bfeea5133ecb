// A technician's wallet: what they hold with what is pending on it, and rejected operations about
// it that nobody acknowledged. With onPick, each line is a button that chooses the part.
import { readableError } from '../../api/api-call-error.ts';
import { formatQty, pendingText } from './counter-format.ts';
import { useWallet } from '../stock-queries.ts';

export interface WalletPanelProps {
  technicianId: string;
  pickedPartId?: string | null;
  onPick?: (partId: string) => void;
}

export function WalletPanel(props: WalletPanelProps): React.JSX.Element {
  const wallet = useWallet(props.technicianId);
  const { onPick } = props;
  if (wallet.isError) {
    return (
      <p className="form-error" role="alert">
        {readableError(wallet.error)}
      </p>
    );
  }
  if (!wallet.data) return <p className="hint">Loading the wallet…</p>;
  const { technician, rows, rejected } = wallet.data;
  const held = rows.filter((row) => row.qty_shown !== 0 || row.pending.ops.length > 0);
  return (
    <section className="card wallet-panel" aria-label={`Wallet of ${technician.full_name}`}>
      <h2 className="panel-title">
        {technician.full_name}
        <span className="panel-sub">
          {[technician.badge_code, technician.site_code].filter(Boolean).join(' · ')}
        </span>
      </h2>
      {!technician.at_this_site && (
        <p className="notice">This technician’s wallet is kept at another site.</p>
      )}
      {held.length === 0 ? (
        <p className="hint">The wallet is empty.</p>
      ) : (
        <ul className="wallet-lines">
          {held.map((row) => {
            const pending = pendingText(row.pending);
            const body = (
              <>
                <span className="wallet-sku">{row.sku}</span>
                <span className="wallet-name">{row.name}</span>
                <span className="wallet-qty">{formatQty(row.qty_shown, row.unit)}</span>
                {pending !== '' && <span className="wallet-pending">{pending}</span>}
              </>
            );
            return (
              <li key={row.part_id}>
                {onPick ? (
                  <button
                    type="button"
                    className="wallet-line choice"
                    aria-pressed={props.pickedPartId === row.part_id}
                    onClick={() => {
                      onPick(row.part_id);
                    }}
                  >
                    {body}
                  </button>
                ) : (
                  <div className="wallet-line">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {rejected.map((op) => (
        <p key={op.op_id} className="rejected-note">
          Rejected: {op.summary} — {op.reason ?? op.reason_code}
        </p>
      ))}
    </section>
  );
}
