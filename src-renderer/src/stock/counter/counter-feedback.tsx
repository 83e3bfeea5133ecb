// The counter's answer area: the inline error (the core's message when it refused) and the
// "queued" confirmation with the operation's summary. Both live regions are always present.
export function CounterFeedback(props: { error: string | null; queued: string | null }): React.JSX.Element {
  return (
    <>
      <div className="form-error counter-error" role="alert">
        {props.error}
      </div>
      <div className="live-region" role="status" aria-live="polite">
        {props.queued !== null && (
          <div className="queued">
            <p className="queued-title">Queued</p>
            <p className="queued-summary">{props.queued}</p>
            <p className="hint">
              It goes to the server with the next sync; Activity (F3) shows its progress.
            </p>
          </div>
        )}
      </div>
    </>
  );
}
