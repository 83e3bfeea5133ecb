// Receiving side by side: each manifest line with what it expects and what has been scanned off
// so far (nothing counts until scanned: never "all received" by default), then what came off
// without being on the manifest, flagged. Only the lines in view are drawn.
import { memo, useMemo } from 'react';
import type {
  CargoAsset,
  CargoPart,
  ReceiptLineRow,
  ShipmentDetail,
} from '../../../src-preload/contract/logistics/reads.ts';
import { WindowedTable } from '../components/windowed-table.tsx';
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

type ExpectedLine =
  | { kind: 'asset'; asset: CargoAsset; depth: 0 | 1; damaged: boolean }
  | { kind: 'part'; part: CargoPart; damaged: boolean }
  | { kind: 'extra'; row: ReceiptLineRow };

const expectedKey = (line: ExpectedLine): string => {
  switch (line.kind) {
    case 'asset':
      return line.asset.asset_id;
    case 'part':
      return `${line.part.part_id}:${line.part.source_location_id}:${line.part.source_bin}`;
    case 'extra':
      return `extra:${line.row.kind}:${line.row.item_id}:${line.row.received_at}`;
  }
};

const renderExpected = (line: ExpectedLine, key: string, rowIndex: number): React.JSX.Element => {
  switch (line.kind) {
    case 'asset':
      return (
        <ExpectedAsset
          key={key}
          lineKey={key}
          rowIndex={rowIndex}
          asset={line.asset}
          depth={line.depth}
          damaged={line.damaged}
        />
      );
    case 'part':
      return (
        <ExpectedPart key={key} lineKey={key} rowIndex={rowIndex} part={line.part} damaged={line.damaged} />
      );
    case 'extra':
      return <ExtraRow key={key} lineKey={key} rowIndex={rowIndex} row={line.row} />;
  }
};

export function ExpectedVsScanned(props: { detail: ShipmentDetail }): React.JSX.Element {
  const { assets, parts, receipts } = props.detail;
  const lines = useMemo<ExpectedLine[]>(() => {
    const damaged = new Set(
      receipts.filter((r) => r.condition === 'damaged').map((r) => `${r.kind}:${r.item_id}`),
    );
    return [
      ...unitsWithComponents(assets.filter((a) => a.status !== 'extra')).map(({ asset, depth }) => ({
        kind: 'asset' as const,
        asset,
        depth,
        damaged: damaged.has(`asset:${asset.asset_id}`),
      })),
      ...parts.map((part) => ({ kind: 'part' as const, part, damaged: damaged.has(`part:${part.part_id}`) })),
      ...receipts.filter((r) => !r.on_manifest).map((row) => ({ kind: 'extra' as const, row })),
    ];
  }, [assets, parts, receipts]);
  return (
    <WindowedTable
      label="Expected and scanned"
      className="expected-table"
      columns={4}
      head={
        <>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            Expected
          </th>
          <th scope="col" className="num">
            Scanned
          </th>
          <th scope="col">Check</th>
        </>
      }
      rows={lines}
      rowKey={expectedKey}
      renderRow={renderExpected}
    />
  );
}

// Rows redrawn only when their line changes: a scan off a 500-line truck redraws one line.
const ExpectedAsset = memo(function ExpectedAsset(props: {
  lineKey: string;
  rowIndex: number;
  asset: CargoAsset;
  depth: 0 | 1;
  damaged: boolean;
}): React.JSX.Element {
  const { asset } = props;
  return (
    <tr
      className={props.depth === 1 ? 'cargo-component' : undefined}
      data-line={props.lineKey}
      aria-rowindex={props.rowIndex}
    >
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
  lineKey: string;
  rowIndex: number;
  part: CargoPart;
  damaged: boolean;
}): React.JSX.Element {
  const p = props.part;
  return (
    <tr data-line={props.lineKey} aria-rowindex={props.rowIndex}>
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

const ExtraRow = memo(function ExtraRow(props: {
  lineKey: string;
  rowIndex: number;
  row: ReceiptLineRow;
}): React.JSX.Element {
  const r = props.row;
  return (
    <tr className="row-extra" data-line={props.lineKey} aria-rowindex={props.rowIndex}>
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
