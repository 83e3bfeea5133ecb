// What is on a truck: its assets (each component under the unit it travels with) and its part
// lines, with totals. On the Load screen each line has an Unload button.
import type { CargoAsset, CargoPart } from '../../../src-preload/contract/logistics/reads.ts';
import { formatQty } from './logistics-format.ts';

const ASSET_WORDS: { readonly [S in CargoAsset['status']]: string } = {
  loaded: 'loaded',
  in_transit: 'on the way',
  received: 'received',
  missing: 'missing',
  extra: 'not on the manifest',
};

/** Units first, each followed by the components that travel with it. */
export function unitsWithComponents(assets: readonly CargoAsset[]): { asset: CargoAsset; depth: 0 | 1 }[] {
  const onTruck = new Set(assets.map((a) => a.asset_id));
  const top = assets.filter((a) => a.parent_asset_id === null || !onTruck.has(a.parent_asset_id));
  return top.flatMap((unit) => [
    { asset: unit, depth: 0 as const },
    ...assets
      .filter((a) => a.parent_asset_id === unit.asset_id)
      .map((component) => ({ asset: component, depth: 1 as const })),
  ]);
}

export function cargoTotals(assets: readonly CargoAsset[], parts: readonly CargoPart[]): string {
  const units = assets.filter((a) => a.parent_asset_id === null).length;
  const components = assets.length - units;
  const pieces = parts.reduce((sum, p) => sum + p.qty, 0);
  const a = `${assets.length} ${assets.length === 1 ? 'asset' : 'assets'}`;
  const withComponents =
    components > 0 ? ` (${units} with ${components} ${components === 1 ? 'component' : 'components'})` : '';
  return `${a}${withComponents} · ${parts.length} ${parts.length === 1 ? 'part line' : 'part lines'} (${formatQty(pieces)} in all)`;
}

export function CargoList(props: {
  assets: readonly CargoAsset[];
  parts: readonly CargoPart[];
  /** Show what came off (the destination's view of a truck that arrived). */
  showReceived?: boolean;
  onUnloadAsset?: (asset: CargoAsset) => void;
  onUnloadPart?: (part: CargoPart) => void;
  busy?: boolean;
}): React.JSX.Element {
  const { assets, parts } = props;
  if (assets.length === 0 && parts.length === 0) return <p className="hint">Nothing on this truck yet.</p>;
  const unload = props.onUnloadAsset !== undefined || props.onUnloadPart !== undefined;
  return (
    <div className="lines-scroll">
      <p className="cargo-totals">{cargoTotals(assets, parts)}</p>
      <table className="lines-table cargo-table" aria-label="On the truck">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">From</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col">State</th>
            {unload && (
              <th scope="col">
                <span className="visually-hidden">Unload</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {unitsWithComponents(assets).map(({ asset, depth }) => (
            <tr key={asset.asset_id} className={depth === 1 ? 'cargo-component' : undefined}>
              <td>
                <span className="line-sku">{asset.code}</span>
                <span className="line-name" title={asset.name}>
                  {asset.name}
                  {depth === 1 && ' · with its unit'}
                </span>
                {asset.leaves_parent_code !== null && (
                  <span className="cargo-note">leaves {asset.leaves_parent_code} at dispatch</span>
                )}
              </td>
              <td />
              <td className="num">1</td>
              <td>
                <span className={`cargo-state cargo-${asset.status}`}>{ASSET_WORDS[asset.status]}</span>
                {asset.pending && <span className="truck-pending"> · pending</span>}
                {props.showReceived === true && asset.condition === 'damaged' && (
                  <span className="cargo-note">damaged{asset.note === null ? '' : `: ${asset.note}`}</span>
                )}
              </td>
              {unload && (
                <td>
                  {props.onUnloadAsset && depth === 0 && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={props.busy}
                      aria-label={`Unload ${asset.code}`}
                      onClick={() => props.onUnloadAsset?.(asset)}
                    >
                      Unload
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
          {parts.map((part) => (
            <tr key={`${part.part_id}:${part.source_location_id}:${part.source_bin}`}>
              <td>
                <span className="line-sku">{part.sku}</span>
                <span className="line-name" title={part.name}>
                  {part.name}
                </span>
              </td>
              <td>
                <span className="line-bin">{part.source_bin}</span>
                <span className="line-warehouse">{part.source_code}</span>
              </td>
              <td className="num">
                {formatQty(part.qty, part.unit)}
                {props.showReceived === true && (
                  <span className="line-name">{formatQty(part.received_qty)} came off</span>
                )}
              </td>
              <td>
                <span className={`cargo-state cargo-${part.status}`}>{ASSET_WORDS[part.status]}</span>
                {part.pending && <span className="truck-pending"> · pending</span>}
              </td>
              {unload && (
                <td>
                  {props.onUnloadPart && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={props.busy}
                      aria-label={`Unload ${part.sku} from ${part.source_bin}`}
                      onClick={() => props.onUnloadPart?.(part)}
                    >
                      Unload
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
