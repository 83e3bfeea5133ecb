// The scanner's state in the header: which reader is in use, whether it is connected, and the last
// refused scan. Opens the Scanner settings screen for the roles that may choose the scanner.
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import { canUse } from '../navigation/screens.ts';
import { useSessionStore } from '../state/session-store.ts';
import { statusLabel } from './scanner-labels.ts';
import { useScannerStatus } from './scanner-queries.ts';
import { useScanStore } from './use-scans.ts';
import '../styles/scanner.css';

export function ScannerIndicator(props: { user: SessionUser }): React.JSX.Element | null {
  const status = useScannerStatus();
  const refused = useScanStore((s) => s.refused);
  const show = useSessionStore((s) => s.show);
  if (!status.data) return null;
  const { label, tone } = statusLabel(status.data);
  const pill = <span className={`sync-pill sync-pill-${tone}`}>{label}</span>;
  return (
    <div className="scanner-indicator" data-scanner-state={status.data.state} title={status.data.message}>
      {canUse(props.user.role, 'scanner') ? (
        <button
          type="button"
          className="scanner-indicator-button"
          aria-label={`${label}: scanner settings`}
          onClick={() => {
            show('scanner');
          }}
        >
          {pill}
        </button>
      ) : (
        pill
      )}
      {refused !== null && (
        <span className="scanner-refused" role="alert">
          {refused}
        </span>
      )}
    </div>
  );
}
