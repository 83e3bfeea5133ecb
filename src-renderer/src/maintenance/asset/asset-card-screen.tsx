// Asset card (F8): scan or type an asset's code or part of its name; its card shows meters, PM
// status, open work orders and requests, components, where it is and its recent history. Any asset
// shown on another maintenance screen opens here.
import { AssetPicker } from './asset-picker.tsx';
import { AssetCardPanel } from './asset-card.tsx';
import { useMaintenanceStore } from '../maintenance-store.ts';
import '../maintenance.css';

export function AssetCardScreen(): React.JSX.Element {
  const assetId = useMaintenanceStore((s) => s.assetId);
  const selectAsset = useMaintenanceStore((s) => s.selectAsset);
  return (
    <div className="screen mx-screen">
      <h1 className="screen-title">Asset card</h1>
      <AssetPicker
        id="asset-card-scan"
        compact
        onPick={(asset) => {
          selectAsset(asset.id);
        }}
      />
      {assetId === null ? (
        <p className="hint">Scan an asset’s QR, or type its code or part of its name and press Enter.</p>
      ) : (
        <AssetCardPanel assetId={assetId} />
      )}
    </div>
  );
}
