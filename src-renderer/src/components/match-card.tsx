// One thing a scanned code stands for: kind, title, subtitle, which code matched, and details.
import type { LookupMatch } from '../../../src-preload/contract/lookup.ts';
import { KIND_LABELS } from '../util/labels.ts';

export function MatchCard(props: { match: LookupMatch }): React.JSX.Element {
  const { match } = props;
  const titleId = `match-${match.kind}-${match.id}`;
  // A gate pass check says its verdict first, in words and colour: genuine or not.
  const verdict = match.item.kind === 'pass' ? match.item.check.verdict : undefined;
  return (
    <article
      className={`card match-card match-${match.kind}`}
      aria-labelledby={titleId}
      data-verdict={verdict}
    >
      <div className="match-top">
        <span className="kind-badge">{KIND_LABELS[match.kind]}</span>
        <span className="matched-by">matched by {match.matchedBy}</span>
      </div>
      <h2 id={titleId} className="match-title">
        {match.title}
      </h2>
      {match.subtitle && (
        <p
          className={verdict === undefined ? 'match-subtitle' : 'match-subtitle pass-line'}
          role={verdict ? 'status' : undefined}
        >
          {match.subtitle}
        </p>
      )}
      {match.details.length > 0 && (
        <dl className="details">
          {match.details.map((detail) => (
            <div key={detail.label} className="detail">
              <dt>{detail.label}</dt>
              <dd>{detail.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
