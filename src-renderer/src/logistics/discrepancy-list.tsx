// The discrepancies a receipt found, in words ("EX-101 missing", "Seal KE-2 broken"), each marked
// pending until the server has recorded it.
import type { DiscrepancyRow } from '../../../src-preload/contract/logistics/reads.ts';

const CODE_WORDS: { readonly [C in DiscrepancyRow['code']]: string } = {
  missing: 'Missing',
  extra: 'Extra',
  damaged: 'Damaged',
  wrong_item: 'Wrong item',
  seal_broken: 'Seal broken',
  seal_mismatch: 'Seal number differs',
};

export function DiscrepancyList(props: { rows: readonly DiscrepancyRow[] }): React.JSX.Element {
  return (
    <ul className="discrepancy-list">
      {props.rows.map((d, i) => (
        <li key={`${d.code}:${d.text}:${i}`} className={`discrepancy discrepancy-${d.code}`}>
          <span className="discrepancy-code">{CODE_WORDS[d.code]}</span> {d.text}
          {d.note !== null && <span className="line-name">{d.note}</span>}
          {d.pending && <span className="truck-pending"> · pending</span>}
        </li>
      ))}
    </ul>
  );
}
