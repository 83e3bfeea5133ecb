// Part picker: type a SKU, barcode or name and press Enter (parts.search); one hit (or an exact
// SKU or barcode) is taken, several are offered as buttons. The chosen part shows its usable
// stock at this site with what is pending on it.
import type { ResultOf } from '../../../../src-preload/contract/api.ts';
import { useStationClient } from '../../api/client-context.tsx';
import { stockText } from './counter-format.ts';
import { useStockByPart } from '../stock-queries.ts';
import { SearchPicker } from '../../components/search-picker.tsx';

type PartRow = ResultOf<'parts.search'>['rows'][number];

export interface PartPickerProps {
  id: string;
  partId: string | null;
  onPick: (partId: string | null) => void;
  /** Moves on after a pick (e.g. to the quantity). */
  onPicked?: () => void;
}

/** An exact SKU or barcode wins over name matches; otherwise only a single hit is taken. */
function choosePart(rows: PartRow[]): PartRow | undefined {
  const exact = rows.filter((r) => r.matched_by !== 'name');
  if (exact.length === 1) return exact[0];
  return rows.length === 1 ? rows[0] : undefined;
}

export function PartPicker(props: PartPickerProps): React.JSX.Element {
  const client = useStationClient();
  const stock = useStockByPart(props.partId);
  const part = stock.data?.part;
  return (
    <SearchPicker<PartRow>
      id={props.id}
      label="Part (SKU, barcode or name)"
      placeholder={part ? `${part.sku} — type to change` : 'e.g. BOLT-M8'}
      listLabel="Matching parts"
      search={async (query) => (await client.call('parts.search', { query, limit: 8 })).rows}
      choose={choosePart}
      noMatch={(query) => `No part has a SKU, barcode or name like “${query}”.`}
      describe={(row) => ({
        title: row.sku,
        subtitle: `${row.name} · ${stockText(row.qty_on_hand, row.pending, row.unit)}`,
      })}
      onPick={(row) => {
        props.onPick(row.id);
      }}
      {...(props.onPicked ? { onPicked: props.onPicked } : {})}
    >
      {part && (
        <p className="picked picked-part">
          <span className="picked-title">{part.sku}</span>
          <span className="picked-subtitle">{part.name}</span>
          <span className="picked-stock">{stockText(part.qty_on_hand, part.pending, part.unit)}</span>
        </p>
      )}
    </SearchPicker>
  );
}
