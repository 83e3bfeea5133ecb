// A quantity as the counter reads it: what the server holds, what queued operations add or take
// ("on hand 10 · 3 pending issue"), and what that leaves.
import type { Pending, RejectedOp } from '../../../src-preload/contract/stock/reads.ts';
import { pendingWord } from '../../../src-preload/contract/operations.ts';

export function formatQty(value: number, unit?: string | null): string {
  const text = value.toLocaleString('en', { maximumFractionDigits: 3 });
  return unit && unit !== 'piece' ? `${text} ${unit}` : text;
}

/** "3 pending issue, 5 pending receipt"; empty when nothing is pending. */
export function pendingText(pending: Pending, unit?: string | null): string {
  return pending.ops
    .filter((op) => op.delta !== 0)
    .map((op) => `${formatQty(Math.abs(op.delta), unit)} pending ${pendingWord(op.type)}`)
    .join(', ');
}

export function QtyCell(props: {
  label: string;
  server: number;
  pending: Pending;
  shown: number;
  unit?: string | null;
}): React.JSX.Element {
  const pending = pendingText(props.pending, props.unit);
  return (
    <span className="qty-cell">
      <span className="qty-main">
        {props.label} {formatQty(props.server, props.unit)}
      </span>
      {pending !== '' && (
        <>
          <span className="qty-pending"> · {pending}</span>
          <span className="qty-shown"> → {formatQty(props.shown, props.unit)} available</span>
        </>
      )}
    </span>
  );
}

/** Rejected operations that concern what the screen shows, with the server's reason. */
export function RejectedNotes(props: { ops: readonly RejectedOp[] }): React.JSX.Element | null {
  if (props.ops.length === 0) return null;
  return (
    <ul className="rejected-notes" aria-label="Rejected operations">
      {props.ops.map((op) => (
        <li key={op.op_id} className="rejected-note">
          <strong>Rejected:</strong> {op.summary}. {op.reason ?? 'The server gave no reason.'} (see Activity)
        </li>
      ))}
    </ul>
  );
}
