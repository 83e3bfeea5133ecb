// What to do with a document the station made: print it on one of the system's printers (the
// station's default chosen, "remember" makes another the default), or save the PDF. Printing goes
// through the operating system's spooler (docs/adr/0014-printing-through-the-spooler.md).
import { useState } from 'react';
import type { MadeDocument } from '../../../src-preload/contract/print/reads.ts';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useStationQuery } from '../api/use-station-query.ts';
import './print.css';

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${String(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Saves a PDF through the browser's (or Electron's) download, which asks where to put it. */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

export function PrintPanel(props: { document: MadeDocument; id?: string }): React.JSX.Element {
  const client = useStationClient();
  const printers = useStationQuery('print.printers', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [copies, setCopies] = useState('1');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState<'print' | 'save' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = props.id ?? 'print-panel';

  const list = printers.data?.printers ?? [];
  const fallback =
    list.find((p) => p.name === printers.data?.stationDefault)?.name ??
    list.find((p) => p.isDefault)?.name ??
    list[0]?.name ??
    null;
  const printer = chosen ?? fallback;
  const isStationDefault = printer !== null && printer === printers.data?.stationDefault;

  const print = async (): Promise<void> => {
    if (printer === null) return;
    const count = Number(copies);
    if (!Number.isInteger(count) || count < 1 || count > 20) {
      setError('Copies must be a whole number from 1 to 20.');
      return;
    }
    setBusy('print');
    setError(null);
    setDone(null);
    try {
      const sent = await client.call('print.send', {
        documentId: props.document.documentId,
        printer,
        copies: count,
        remember: remember || printers.data?.stationDefault === null,
      });
      setDone(sent.message);
      void printers.refetch();
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<void> => {
    setBusy('save');
    setError(null);
    try {
      const file = await client.call('print.file', { documentId: props.document.documentId });
      download(file.fileName, file.base64);
      setDone(`Saved as ${file.fileName}.`);
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(null);
    }
  };

  const pages = props.document.pages;
  return (
    <section className="card print-panel" aria-label="Print or save">
      <p className="print-document">
        <strong>{props.document.title}</strong> — {pages} {pages === 1 ? 'page' : 'pages'},{' '}
        {sizeText(props.document.bytes)}
      </p>
      {printers.data?.message != null && <p className="notice">{printers.data.message}</p>}
      <div className="print-row">
        <div className="field">
          <label htmlFor={`${id}-printer`}>Printer</label>
          <select
            id={`${id}-printer`}
            value={printer ?? ''}
            disabled={list.length === 0}
            onChange={(e) => {
              setChosen(e.target.value);
              setDone(null);
            }}
          >
            {list.length === 0 && <option value="">No printers</option>}
            {list.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
                {p.name === printers.data?.stationDefault
                  ? ' (this station)'
                  : p.isDefault
                    ? ' (system default)'
                    : ''}
                {p.state !== null && p.state !== 'idle' ? ` — ${p.state}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field print-copies">
          <label htmlFor={`${id}-copies`}>Copies</label>
          <input
            id={`${id}-copies`}
            type="number"
            min={1}
            max={20}
            value={copies}
            onChange={(e) => {
              setCopies(e.target.value);
            }}
          />
        </div>
      </div>
      {printer !== null && !isStationDefault && (
        <label className="print-remember">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => {
              setRemember(e.target.checked);
            }}
          />{' '}
          Remember {printer} for this station
        </label>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={printer === null || busy !== null}
          onClick={() => void print()}
        >
          {busy === 'print' ? 'Printing…' : 'Print'}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void save()}>
          {busy === 'save' ? 'Saving…' : 'Save PDF'}
        </button>
      </div>
      <div className="form-error" role="alert">
        {error}
      </div>
      <div className="live-region" role="status" aria-live="polite">
        {done !== null && <p className="print-done">{done}</p>}
      </div>
    </section>
  );
}

/** A progress bar for a document being drawn. */
export function MakeProgress(props: {
  progress: { done: number; total: number } | null;
  label: string;
}): React.JSX.Element {
  const { progress } = props;
  return (
    <div className="make-progress" role="status" aria-live="polite">
      <span>{props.label}</span>
      <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label={props.label} />
      {progress !== null && (
        <span className="hint">
          {progress.done} of {progress.total}
        </span>
      )}
    </div>
  );
}
