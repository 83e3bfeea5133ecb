// The asset card: codes and where it is (on a truck while in transit), meters with the last reading
// and average use, the PM status of each schedule with its why, open work orders and requests,
// components and recent history. Shown on the Asset card screen and under an asset in Lookup.
import type { AssetCard as AssetCardData } from '../../../../src-preload/contract/maintenance/asset-card-reads.ts';
import { readableError } from '../../api/api-call-error.ts';
import { useAssetCard } from '../maintenance-queries.ts';
import { openAsset, openWorkOrder } from '../maintenance-store.ts';
import {
  BUCKET_PILL,
  BUCKET_WORDS,
  dayText,
  meterText,
  timeText,
  WO_STATUS_PILL,
  WO_STATUS_WORDS,
} from '../maintenance-words.ts';

export function AssetCardPanel(props: { assetId: string; headingLevel?: 2 | 3 }): React.JSX.Element {
  const card = useAssetCard(props.assetId);
  if (card.isError) {
    return (
      <p className="form-error" role="alert">
        {readableError(card.error)}
      </p>
    );
  }
  if (!card.data) return <p className="hint">Loading the asset card…</p>;
  return <AssetCardView card={card.data} headingLevel={props.headingLevel ?? 2} />;
}

function AssetCardView(props: { card: AssetCardData; headingLevel: 2 | 3 }): React.JSX.Element {
  const { card } = props;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const Sub = props.headingLevel === 2 ? 'h3' : 'h4';
  return (
    <article className="card mx-panel" aria-label={`Asset card: ${card.name}`}>
      <Heading>{card.name}</Heading>
      <p className="hint">
        {[card.category, card.make_model, card.serial_number && `S/N ${card.serial_number}`]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <dl className="mx-facts">
        {card.codes.map((code) => (
          <div key={`${code.label}-${code.value}`}>
            <dt>{code.label}</dt>
            <dd className="mx-code">{code.value}</dd>
          </div>
        ))}
        <div>
          <dt>Status</dt>
          <dd>{card.status.replace(/_/g, ' ')}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{card.location_path.join(' › ') || 'Unknown'}</dd>
        </div>
        {card.parent && (
          <div>
            <dt>Part of</dt>
            <dd>
              <button
                type="button"
                className="mx-link"
                onClick={() => {
                  if (card.parent) openAsset(card.parent.id);
                }}
              >
                {card.parent.name}
              </button>
            </dd>
          </div>
        )}
      </dl>
      {card.in_transit && (
        <p className="notice">
          In transit from {card.in_transit.from} to {card.in_transit.to}
          {card.in_transit.gate_pass_ref === null ? '' : ` on ${card.in_transit.gate_pass_ref}`} (
          {card.in_transit.status.replace(/_/g, ' ')}).
        </p>
      )}

      <div className="mx-card-columns">
        <div className="mx-stack">
          <Sub>Meters</Sub>
          {card.meters.length === 0 ? (
            <p className="hint">No meter readings yet.</p>
          ) : (
            <div className="mx-meters">
              {card.meters.map((meter) => (
                <div key={meter.label}>
                  <div className="hint">{meter.label}</div>
                  <div className="mx-meter-value">{meterText(meter.value, meter.unit)}</div>
                  <div className="hint">
                    {meter.pending > 0 && `+${meterText(meter.pending, meter.unit)} queued · `}
                    {meter.last_reading_at === null ? 'no reading' : `last ${dayText(meter.last_reading_at)}`}
                    {meter.per_day !== null &&
                      ` · ${meterText(meter.per_day, meter.unit)}/day over ${meter.per_day_days ?? '?'} days`}
                  </div>
                </div>
              ))}
            </div>
          )}

          <Sub>Open work orders</Sub>
          {card.work_orders.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            <ul className="mx-plain-list">
              {card.work_orders.map((wo) => (
                <li key={wo.id}>
                  <button
                    type="button"
                    className="mx-link"
                    onClick={() => {
                      openWorkOrder(wo.id);
                    }}
                  >
                    {wo.code ?? 'New (not synced)'}
                  </button>{' '}
                  {wo.title} <span className={WO_STATUS_PILL[wo.status]}>{WO_STATUS_WORDS[wo.status]}</span>
                </li>
              ))}
            </ul>
          )}

          <Sub>Open requests</Sub>
          {card.requests.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            <ul className="mx-plain-list">
              {card.requests.map((r) => (
                <li key={r.id}>
                  {timeText(r.reported_at)}: {r.description}
                </li>
              ))}
            </ul>
          )}

          {card.components.length > 0 && (
            <>
              <Sub>Components</Sub>
              <ul className="mx-plain-list">
                {card.components.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="mx-link"
                      onClick={() => {
                        openAsset(c.id);
                      }}
                    >
                      {c.code === null ? c.name : `${c.code} · ${c.name}`}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="mx-stack">
          <Sub>Preventive maintenance</Sub>
          {card.schedules.length === 0 ? (
            <p className="hint">No PM schedules.</p>
          ) : (
            <ul className="mx-list">
              {card.schedules.map((s) => (
                <li key={s.id} className="mx-board-row">
                  <span>
                    <span className={BUCKET_PILL[s.bucket]}>{BUCKET_WORDS[s.bucket]}</span>
                  </span>
                  <strong>{s.name}</strong>
                  <span>
                    {s.open_wo ? (
                      <button
                        type="button"
                        className="mx-link"
                        onClick={() => {
                          if (s.open_wo) openWorkOrder(s.open_wo.id);
                        }}
                      >
                        {s.open_wo.code}
                      </button>
                    ) : (
                      dayText(s.next_due)
                    )}
                  </span>
                  <span className="mx-why-text">{s.why}</span>
                </li>
              ))}
            </ul>
          )}

          <Sub>Recent history</Sub>
          {card.history.length === 0 ? (
            <p className="hint">Nothing recorded yet.</p>
          ) : (
            <ul className="mx-plain-list">
              {card.history.map((h, i) => (
                <li key={`${h.at}-${String(i)}`}>
                  <span className="hint">{dayText(h.at)}</span> {h.what}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </article>
  );
}
