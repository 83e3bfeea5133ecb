// What is on a truck: its assets (each component under the unit it travels with) and its part
// lines, with totals. On the Load screen each line has an Unload button (a click while another
// change is on its way is ignored by the screen). Only the lines in view are drawn, and a line a
// scan added is brought into view (components/windowed-table).
import type { CargoAsset, CargoPart } from '../../../src-preload/contract/logistics/reads.ts';
import { memo, useCallback, useMemo } from 'react';
import { WindowedTable } from '../components/windowed-table.tsx';
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

type CargoLine = { kind: 'asset'; asset: CargoAsset; depth: 0 | 1 } | { kind: 'part'; part: CargoPart };

const lineKey = (line: CargoLine): string =>
  line.kind === 'asset'
    ? line.asset.asset_id
    : `${line.part.part_id}:${line.part.source_location_id}:${line.part.source_bin}`;

// Drawn again only when the truck's lines or the handlers change (not for the screen's messages).
export const CargoList = memo(function CargoList(props: CargoListProps): React.JSX.Element {
  const { assets, parts, onUnloadAsset, onUnloadPart } = props;
  const lines = useMemo<CargoLine[]>(
    () => [
      ...unitsWithComponents(assets).map(({ asset, depth }) => ({ kind: 'asset' as const, asset, depth })),
      ...parts.map((part) => ({ kind: 'part' as const, part })),
    ],
    [assets, parts],
  );
  const unload = onUnloadAsset !== undefined || onUnloadPart !== undefined;
  const showReceived = props.showReceived === true;
  const renderRow = useCallback(
    (line: CargoLine, key: string, rowIndex: number) =>
      line.kind === 'asset' ? (
        <AssetRow
          key={key}
          rowIndex={rowIndex}
          asset={line.asset}
          depth={line.depth}
          showReceived={showReceived}
          unloadColumn={unload}
          onUnload={onUnloadAsset}
        />
      ) : (
        <PartRow
          key={key}
          lineKey={key}
          rowIndex={rowIndex}
          part={line.part}
          showReceived={showReceived}
          unloadColumn={unload}
          onUnload={onUnloadPart}
        />
      ),
    [showReceived, unload, onUnloadAsset, onUnloadPart],
  );
  if (lines.length === 0) return <p className="hint">Nothing on this truck yet.</p>;
  return (
    <>
      <p className="cargo-totals">{cargoTotals(assets, parts)}</p>
      <WindowedTable
        label="On the truck"
        className="cargo-table"
        columns={unload ? 5 : 4}
        head={
          <>
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
          </>
        }
        rows={lines}
        rowKey={lineKey}
        renderRow={renderRow}
      />
    </>
  );
});

// One row per line, redrawn only when its line changes (the query keeps unchanged lines' objects):
// a scan on a 500-line truck draws one new row, not 500.
const AssetRow = memo(function AssetRow(props: {
  rowIndex: number;
  asset: CargoAsset;
  depth: 0 | 1;
  showReceived: boolean;
  unloadColumn: boolean;
  onUnload: ((asset: CargoAsset) => void) | undefined;
}): React.JSX.Element {
  const { asset, depth, onUnload } = props;
  return (
    <tr
      className={depth === 1 ? 'cargo-component' : undefined}
      data-line={asset.asset_id}
      aria-rowindex={props.rowIndex}
    >
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
  lineKey: string;
  rowIndex: number;
  part: CargoPart;
  showReceived: boolean;
  unloadColumn: boolean;
  onUnload: ((part: CargoPart) => void) | undefined;
}): React.JSX.Element {
  const { part, onUnload } = props;
  return (
    <tr data-line={props.lineKey} aria-rowindex={props.rowIndex}>
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
