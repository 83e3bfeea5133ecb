// Labels (F4 in Stock): QR labels on A4 sheets (3 x 8) for every bin of a warehouse, or for assets
// scanned or typed one by one. The core draws the PDF in its print worker (a bar shows how far);
// then it is printed on one of the system's printers or saved.
import { useState } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import type { ResultOf } from '../../../../src-preload/contract/api.ts';
import { useStationClient } from '../../api/client-context.tsx';
import { ScanField } from '../../components/scan-field.tsx';
import { MakeProgress, PrintPanel } from '../../print/print-panel.tsx';
import { useMakeDocument } from '../../print/use-make-document.ts';
import { useWarehouses } from '../stock-queries.ts';
import '../../print/print.css';

type Source = 'bins' | 'assets';

interface ChosenAsset {
  id: string;
  clientCode: string | null;
  name: string;
}

export function LabelsScreen(): React.JSX.Element {
  const client = useStationClient();
  const warehouses = useWarehouses();
  const [source, setSource] = useState<Source>('bins');
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [assets, setAssets] = useState<ChosenAsset[]>([]);
  const labels = useMakeDocument<ResultOf<'labels.make'>>();

  const list = warehouses.data ?? [];
  const warehouse = list.find((w) => w.id === warehouseId) ?? list.find((w) => w.bin_count > 0) ?? null;

  const onItem = (item: ScanItem): string | null => {
    if (item.kind !== 'asset') return 'Scan an asset here.';
    if (item.clientCode === null) return `${item.name} has no client code to print on a label.`;
    if (assets.some((a) => a.id === item.id)) return `${item.clientCode} is already on the list.`;
    setAssets((current) => [...current, { id: item.id, clientCode: item.clientCode, name: item.name }]);
    labels.reset();
    return null;
  };

  const make = async (): Promise<void> => {
    if (source === 'bins') {
      if (!warehouse) return;
      await labels.make((requestId) =>
        client.call('labels.make', { source: 'bins', warehouseId: warehouse.id, requestId }),
      );
    } else {
      if (assets.length === 0) return;
      await labels.make((requestId) =>
        client.call('labels.make', { source: 'assets', assetIds: assets.map((a) => a.id), requestId }),
      );
    }
  };

  const count = source === 'bins' ? (warehouse?.bin_count ?? 0) : assets.length;
  return (
    <div className="screen labels-screen">
      <h1 className="screen-title">Labels</h1>
      <p className="hint">
        QR labels on A4 sheets of 24 (70 x 37 mm): every bin of a warehouse, or the assets you scan. Print
        them on one of this computer&apos;s printers or save the PDF.
      </p>
      <div className="source-choice" role="radiogroup" aria-label="What to label">
        {(['bins', 'assets'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="labels-source"
              value={value}
              checked={source === value}
              onChange={() => {
                setSource(value);
                labels.reset();
              }}
            />{' '}
            {value === 'bins' ? 'Bins of a warehouse' : 'Chosen assets'}
          </label>
        ))}
      </div>
      <section className="card form-card" aria-label="Labels to make">
        {source === 'bins' ? (
          <div className="field">
            <label htmlFor="labels-warehouse">Warehouse</label>
            <select
              id="labels-warehouse"
              value={warehouse?.id ?? ''}
              onChange={(e) => {
                setWarehouseId(e.target.value);
                labels.reset();
              }}
            >
              {list.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.code} — {w.name} ({w.bin_count} {w.bin_count === 1 ? 'bin' : 'bins'})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <>
            <ScanField
              id="labels-scan"
              accepts={['asset']}
              onItem={onItem}
              label="Scan or type an asset's code"
            />
            <ul className="labels-assets" aria-label="Assets to label">
              {assets.map((asset) => (
                <li key={asset.id}>
                  <span className="code">{asset.clientCode}</span> {asset.name}{' '}
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Remove ${asset.clientCode ?? asset.name}`}
                    onClick={() => {
                      setAssets((current) => current.filter((a) => a.id !== asset.id));
                      labels.reset();
                    }}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={count === 0 || labels.busy}
            onClick={() => void make()}
          >
            Make {count} {count === 1 ? 'label' : 'labels'}
          </button>
        </div>
        {labels.busy && <MakeProgress progress={labels.progress} label="Drawing the labels" />}
        <div className="form-error" role="alert">
          {labels.error}
        </div>
      </section>
      {labels.made !== null && <PrintPanel document={labels.made} id="labels-print" />}
    </div>
  );
}
