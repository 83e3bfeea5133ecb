// How the maintenance screens word statuses, origins, buckets and numbers.
import type { PmBucket } from '../../../src-preload/contract/maintenance/pm-reads.ts';

export const WO_STATUS_WORDS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  ready: 'Ready',
  in_progress: 'In progress',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const WO_STATUS_PILL: Readonly<Record<string, string>> = {
  draft: 'mx-pill mx-pill-muted',
  ready: 'mx-pill',
  in_progress: 'mx-pill mx-pill-warn',
  closed: 'mx-pill mx-pill-ok',
  cancelled: 'mx-pill mx-pill-muted',
};

export const ORIGIN_WORDS: Readonly<Record<string, string>> = {
  pm: 'PM',
  cm: 'Corrective',
  defect: 'Defect',
};

export const PRIORITY_WORDS: Readonly<Record<string, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const BUCKET_WORDS: { readonly [B in PmBucket]: string } = {
  overdue: 'Overdue',
  week: 'Due in the next 7 days',
  month: 'Due in the next 30 days',
  suppressed: 'Folded into a bigger service',
  later: 'Later',
  inactive: 'Inactive',
};

export const BUCKET_PILL: { readonly [B in PmBucket]: string } = {
  overdue: 'mx-pill mx-pill-bad',
  week: 'mx-pill mx-pill-warn',
  month: 'mx-pill',
  suppressed: 'mx-pill mx-pill-muted',
  later: 'mx-pill mx-pill-muted',
  inactive: 'mx-pill mx-pill-muted',
};

export const REQUEST_STATUS_WORDS: Readonly<Record<string, string>> = {
  pending: 'Waiting for triage',
  rejected: 'Rejected',
  converted: 'Converted',
};

export function meterText(value: number | null, unit: string): string {
  if (value === null) return '';
  return `${value.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}

/** A date (YYYY-MM-DD or an ISO time) as "5 Dec 2026". */
export function dayText(value: string | null): string {
  if (value === null) return '';
  const day = new Date(`${value.slice(0, 10)}T12:00:00`);
  if (Number.isNaN(day.getTime())) return value;
  return day.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A time (ISO) as "5 Dec 2026, 14:05". */
export function timeText(value: string | null): string {
  if (value === null) return '';
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return at.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function newId(): string {
  return crypto.randomUUID();
}
