// The seals of an arriving truck, each checked before the receipt is finished: intact, broken, or
// another number (the number found is typed).
import type { ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';

export type SealResult = 'intact' | 'broken' | 'mismatch';
export interface SealCheck {
  result: SealResult | null;
  found: string;
}
export type SealChecks = Readonly<Record<string, SealCheck>>;

const RESULT_WORDS: { readonly [R in SealResult]: string } = {
  intact: 'Intact',
  broken: 'Broken',
  mismatch: 'Other number',
};

export function SealChecksPanel(props: {
  seals: ShipmentDetail['seals'];
  checks: SealChecks;
  onChange: (checks: SealChecks) => void;
}): React.JSX.Element {
  const { seals, checks, onChange } = props;
  if (seals.length === 0) return <p className="hint">This truck left without seals on record.</p>;
  const set = (seal: string, check: Partial<SealCheck>): void => {
    const current = checks[seal] ?? { result: null, found: '' };
    onChange({ ...checks, [seal]: { ...current, ...check } });
  };
  return (
    <div className="seal-checks">
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => {
          onChange(
            Object.fromEntries(seals.map((s) => [s.seal_number, { result: 'intact' as const, found: '' }])),
          );
        }}
      >
        All seals intact
      </button>
      <ul className="seal-check-list">
        {seals.map((seal) => {
          const check = checks[seal.seal_number] ?? { result: null, found: '' };
          return (
            <li key={seal.seq} className="seal-check">
              <span className="line-sku">{seal.seal_number}</span>
              <div className="seal-results" role="group" aria-label={`Seal ${seal.seal_number}`}>
                {(['intact', 'broken', 'mismatch'] as const).map((result) => (
                  <button
                    key={result}
                    type="button"
                    className={
                      check.result === result ? `mode-toggle mode-toggle-on seal-${result}` : 'mode-toggle'
                    }
                    aria-pressed={check.result === result}
                    onClick={() => {
                      set(seal.seal_number, { result });
                    }}
                  >
                    {RESULT_WORDS[result]}
                  </button>
                ))}
              </div>
              {check.result === 'mismatch' && (
                <div className="field">
                  <label htmlFor={`seal-found-${seal.seq}`}>Number found on the truck</label>
                  <input
                    id={`seal-found-${seal.seq}`}
                    type="text"
                    autoComplete="off"
                    value={check.found}
                    onChange={(e) => {
                      set(seal.seal_number, { found: e.target.value.toUpperCase() });
                    }}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
