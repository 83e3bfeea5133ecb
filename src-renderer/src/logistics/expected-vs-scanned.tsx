// Receiving side by side: each manifest line with what it expects and what has been scanned off
// so far (nothing counts until scanned: never "all received" by default), then what came off
// without being on the manifest, flagged.
import { memo, useMemo } from 'react';
import type {
  CargoAsset,
  CargoPart,
  ReceiptLineRow,
  ShipmentDetail,
} from '../../../src-preload/contract/logistics/reads.ts';
import { unitsWithComponents } from './cargo-list.tsx';
import { formatQty } from './logistics-format.ts';
import { ItemCell } from './item-cell.tsx';

function Check(props: { expected: number; scanned: number }): React.JSX.Element {
  const { expected, scanned } = props;
  if (scanned === 0) return <span className="cargo-state">not scanned</span>;
  if (scanned < expected) return <span className="cargo-missing">{formatQty(expected - scanned)} short</span>;
  if (scanned > expected) return <span className="cargo-extra">{formatQty(scanned - expected)} over</span>;
  return <span className="cargo-received">✓</span>;
}

export function ExpectedVsScanned(props: { detail: ShipmentDetail }): React.JSX.Element {
  const { assets, parts, receipts } = props.detail;
  const manifest = useMemo(() => unitsWithComponents(assets.filter((a) => a.status !== 'extra')), [assets]);
  const extras = receipts.filter((r) => !r.on_manifest);
  const damaged = new Set(
    receipts.filter((r) => r.condition === 'damaged').map((r) => `${r.kind}:${r.item_id}`),
  );
  return (
    <div className="lines-scroll truck-lines">
      <table className="lines-table expected-table" aria-label="Expected and scanned">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Scanned
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {manifest.map(({ asset, depth }) => (
            <ExpectedAsset
              key={asset.asset_id}
              asset={asset}
              depth={depth}
              damaged={damaged.has(`asset:${asset.asset_id}`)}
            />
          ))}
          {parts.map((p) => (
            <ExpectedPart
              key={`${p.part_id}:${p.source_location_id}:${p.source_bin}`}
              part={p}
              damaged={damaged.has(`part:${p.part_id}`)}
            />
          ))}
          {extras.map((r) => (
            <ExtraRow key={`extra:${r.kind}:${r.item_id}:${r.received_at}`} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Rows redrawn only when their line changes: a scan off a 500-line truck redraws one line.
const ExpectedAsset = memo(function ExpectedAsset(props: {
  asset: CargoAsset;
  depth: 0 | 1;
  damaged: boolean;
}): React.JSX.Element {
  const { asset } = props;
  return (
    <tr className={props.depth === 1 ? 'cargo-component' : undefined}>
      <ItemCell code={asset.code} name={asset.name} />
      <td className="num">1</td>
      <td className="num">{asset.received ? 1 : 0}</td>
      <td>
        <Check expected={1} scanned={asset.received ? 1 : 0} />
        {props.damaged && <span className="cargo-damaged"> · damaged</span>}
        {asset.pending && <span className="truck-pending"> · pending</span>}
      </td>
    </tr>
  );
});

const ExpectedPart = memo(function ExpectedPart(props: {
  part: CargoPart;
  damaged: boolean;
}): React.JSX.Element {
  const p = props.part;
  return (
    <tr>
      <ItemCell code={p.sku} name={p.name} />
      <td className="num">{formatQty(p.qty, p.unit)}</td>
      <td className="num">{formatQty(p.received_qty, p.unit)}</td>
      <td>
        <Check expected={p.qty} scanned={p.received_qty} />
        {props.damaged && <span className="cargo-damaged"> · damaged</span>}
        {p.pending && <span className="truck-pending"> · pending</span>}
      </td>
    </tr>
  );
});

const ExtraRow = memo(function ExtraRow(props: { row: ReceiptLineRow }): React.JSX.Element {
  const r = props.row;
  return (
    <tr className="row-extra">
      <ItemCell code={r.code} name={r.name} />
      <td className="num">0</td>
      <td className="num">{formatQty(r.qty ?? 1)}</td>
      <td>
        <span className="cargo-extra">not on the manifest</span>
        {r.condition === 'damaged' && <span className="cargo-damaged"> · damaged</span>}
        {r.pending && <span className="truck-pending"> · pending</span>}
      </td>
    </tr>
  );
});
