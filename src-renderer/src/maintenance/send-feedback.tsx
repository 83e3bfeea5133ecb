// A maintenance screen's answer area: the core's refusal (an alert) and the queued confirmation.
// Both live regions are always present so that what appears is announced.
import type { Sender } from './use-send.ts';

export function SendFeedback(props: { sender: Sender }): React.JSX.Element {
  const { error, queued } = props.sender;
  return (
    <>
      <div className="form-error" role="alert">
        {error}
      </div>
      <div className="live-region" role="status" aria-live="polite">
        {queued !== null && (
          <p className="queued-summary">
            Queued: {queued}. It goes to the server with the next sync (Activity, F3).
          </p>
        )}
      </div>
    </>
  );
}
