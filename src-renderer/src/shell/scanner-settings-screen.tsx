// Scanner settings: the scanner the station core reads (HID POS or keyboard mode, through node-hid),
// its status, and the HID devices to choose from, with which look like scanners and which can be
// opened here (Windows keeps keyboard-mode scanners to itself; Linux needs the udev rule).
import { readableError } from '../api/api-call-error.ts';
import { deviceName, OPEN_LABELS, statusLabel } from '../scanner/scanner-labels.ts';
import { useChooseScanner, useScannerDevices, useScannerStatus } from '../scanner/scanner-queries.ts';
import '../styles/scanner.css';

function StatusCard(): React.JSX.Element {
  const status = useScannerStatus();
  const choose = useChooseScanner();
  if (!status.data) return <p className="hint">Reading the scanner’s status…</p>;
  const { label, tone } = statusLabel(status.data);
  return (
    <section className="card scanner-status" aria-label="Scanner status">
      <div>
        <span className={`sync-pill sync-pill-${tone}`} data-scanner-state={status.data.state}>
          {label}
        </span>{' '}
        {status.data.label !== null && <strong>{status.data.label}</strong>}
      </div>
      <p className="scanner-status-message" role="status">
        {status.data.message}
      </p>
      {status.data.deviceId !== null && (
        <div>
          <button
            type="button"
            className="button button-quiet"
            disabled={choose.isPending}
            onClick={() => {
              choose.mutate({ deviceId: null });
            }}
          >
            Forget this scanner
          </button>
        </div>
      )}
      {choose.isError && <p className="form-error">{readableError(choose.error)}</p>}
    </section>
  );
}

function DeviceList(): React.JSX.Element {
  const devices = useScannerDevices();
  const choose = useChooseScanner();
  if (devices.isError) return <p className="form-error">{readableError(devices.error)}</p>;
  if (!devices.data) return <p className="hint">Looking for HID devices…</p>;
  const { platformNote, error } = devices.data;
  return (
    <section aria-label="HID devices">
      <h2>
        HID devices{' '}
        <button
          type="button"
          className="button button-quiet"
          disabled={devices.isFetching}
          onClick={() => {
            void devices.refetch();
          }}
        >
          Refresh
        </button>
      </h2>
      {platformNote !== null && (
        <p className="notice" role="note">
          {platformNote}
        </p>
      )}
      {error !== null && <p className="form-error">{error}</p>}
      {devices.data.devices.length === 0 && error === null && (
        <p className="hint">No HID devices were found. Plug the scanner in and press Refresh.</p>
      )}
      {devices.data.devices.length > 0 && (
        <table className="scanner-devices">
          <thead>
            <tr>
              <th>Device</th>
              <th>Kind</th>
              <th>Can be read</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.data.devices.map((device) => (
              <tr key={device.id} data-chosen={device.chosen}>
                <td>
                  {deviceName(device)}
                  <br />
                  <code className="code">{device.id}</code>
                </td>
                <td>{device.looksLikeScanner ? `Scanner: ${device.reason}` : device.reason}</td>
                <td>
                  {OPEN_LABELS[device.canOpen]}
                  {device.openMessage !== null && <p className="hint">{device.openMessage}</p>}
                </td>
                <td>
                  {device.chosen ? (
                    'Chosen'
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={
                        choose.isPending || device.reader === null || device.canOpen === 'unavailable'
                      }
                      onClick={() => {
                        choose.mutate({ deviceId: device.id, label: deviceName(device) });
                      }}
                    >
                      Use this scanner
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ScannerSettingsScreen(): React.JSX.Element {
  return (
    <div className="screen scanner-settings-screen">
      <h1 className="screen-title">Scanner</h1>
      <p className="hint">
        A scanner in keyboard mode works without choosing anything (the keyboard reader). Choose a HID scanner
        here to read it directly: it is remembered for this station and read again when it is plugged back in.
      </p>
      <StatusCard />
      <DeviceList />
    </div>
  );
}
