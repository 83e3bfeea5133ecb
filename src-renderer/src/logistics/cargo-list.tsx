// What is on a truck: its assets (each component under the unit it travels with) and its part
// lines, with totals. On the Load screen each line has an Unload button (a click while another
// change is on its way is ignored by the screen).
import type { CargoAsset, CargoPart } from '../../../src-preload/contract/logistics/reads.ts';
import { memo, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { formatQty } from './logistics-format.ts';
import { ItemCell } from './item-cell.tsx';

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
  const components = new Map<string, CargoAsset[]>();
  for (const a of assets) {
    if (a.parent_asset_id === null || !onTruck.has(a.parent_asset_id)) continue;
    const list = components.get(a.parent_asset_id) ?? [];
    list.push(a);
    components.set(a.parent_asset_id, list);
  }
  return assets
    .filter((a) => a.parent_asset_id === null || !onTruck.has(a.parent_asset_id))
    .flatMap((unit) => [
      { asset: unit, depth: 0 as const },
      ...(components.get(unit.asset_id) ?? []).map((component) => ({ asset: component, depth: 1 as const })),
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

interface CargoListProps {
  assets: readonly CargoAsset[];
  parts: readonly CargoPart[];
  /** Show what came off (the destination's view of a truck that arrived). */
  showReceived?: boolean;
  /** Unload buttons (the Load screen); keep them stable (useCallback) so unchanged rows are not redrawn. */
  onUnloadAsset?: (asset: CargoAsset) => void;
  onUnloadPart?: (part: CargoPart) => void;
}

export function CargoList(props: CargoListProps): React.JSX.Element {
  const { assets, parts } = props;
  const ordered = useMemo(() => unitsWithComponents(assets), [assets]);
  const body = useRef<HTMLTableSectionElement>(null);
  useShowNewLine(body, assets, parts);
  if (assets.length === 0 && parts.length === 0) return <p className="hint">Nothing on this truck yet.</p>;
  const unload = props.onUnloadAsset !== undefined || props.onUnloadPart !== undefined;
  const showReceived = props.showReceived === true;
  return (
    <div className="lines-scroll truck-lines">
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
        <tbody ref={body}>
          {ordered.map(({ asset, depth }) => (
            <AssetRow
              key={asset.asset_id}
              asset={asset}
              depth={depth}
              showReceived={showReceived}
              unloadColumn={unload}
              onUnload={props.onUnloadAsset}
            />
          ))}
          {parts.map((part) => (
            <PartRow
              key={`${part.part_id}:${part.source_location_id}:${part.source_bin}`}
              part={part}
              showReceived={showReceived}
              unloadColumn={unload}
              onUnload={props.onUnloadPart}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Brings a line that was just added into view (the lines scroll in their own box): the clerk sees
 * what the scan put on the truck. Rows carry their line's key in data-line.
 */
function useShowNewLine(
  body: RefObject<HTMLTableSectionElement | null>,
  assets: readonly CargoAsset[],
  parts: readonly CargoPart[],
): void {
  const seen = useRef<Set<string> | null>(null);
  useLayoutEffect(() => {
    const rows = body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-line]') ?? [];
    const keys = new Set<string>();
    let added: HTMLTableRowElement | null = null;
    for (const row of rows) {
      const key = row.dataset.line ?? '';
      keys.add(key);
      if (seen.current !== null && !seen.current.has(key)) added = row;
    }
    seen.current = keys;
    added?.scrollIntoView({ block: 'nearest' });
  }, [body, assets, parts]);
}

// One row per line, redrawn only when its line changes (the query keeps unchanged lines' objects):
// a scan on a 500-line truck draws one new row, not 500.
const AssetRow = memo(function AssetRow(props: {
  asset: CargoAsset;
  depth: 0 | 1;
  showReceived: boolean;
  unloadColumn: boolean;
  onUnload: ((asset: CargoAsset) => void) | undefined;
}): React.JSX.Element {
  const { asset, depth, onUnload } = props;
  return (
    <tr className={depth === 1 ? 'cargo-component' : undefined} data-line={asset.asset_id}>
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
        {props.showReceived && asset.condition === 'damaged' && (
          <span className="cargo-note">damaged{asset.note === null ? '' : `: ${asset.note}`}</span>
        )}
      </td>
      {props.unloadColumn && (
        <td>
          {onUnload && depth === 0 && (
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label={`Unload ${asset.code}`}
              onClick={() => {
                onUnload(asset);
              }}
            >
              Unload
            </button>
          )}
        </td>
      )}
    </tr>
  );
});

const PartRow = memo(function PartRow(props: {
  part: CargoPart;
  showReceived: boolean;
  unloadColumn: boolean;
  onUnload: ((part: CargoPart) => void) | undefined;
}): React.JSX.Element {
  const { part, onUnload } = props;
  return (
    <tr data-line={`${part.part_id}:${part.source_location_id}:${part.source_bin}`}>
      <ItemCell code={part.sku} name={part.name} />
      <td>
        <span className="line-bin">{part.source_bin}</span>
        <span className="line-warehouse">{part.source_code}</span>
      </td>
      <td className="num">
        {formatQty(part.qty, part.unit)}
        {props.showReceived && <span className="line-name">{formatQty(part.received_qty)} came off</span>}
      </td>
      <td>
        <span className={`cargo-state cargo-${part.status}`}>{ASSET_WORDS[part.status]}</span>
        {part.pending && <span className="truck-pending"> · pending</span>}
      </td>
      {props.unloadColumn && (
        <td>
          {onUnload && (
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label={`Unload ${part.sku} from ${part.source_bin}`}
              onClick={() => {
                onUnload(part);
              }}
            >
              Unload
            </button>
          )}
        </td>
      )}
    </tr>
  );
});
