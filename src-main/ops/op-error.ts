// An operation the station refuses before queueing it: a code a screen can act on and a message a
// storekeeper can read. Nothing is written when one is thrown.
export class OpError extends Error {
  override name = 'OpError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_LABELS: Record<string, string> = {
  part_id: 'part',
  location_id: 'warehouse',
  bin_location: 'bin',
  technician_id: 'technician',
  qty: 'quantity',
  asset_id: 'asset',
  date: 'date',
  run_hours_added: 'run hours',
  fuel_liters_added: 'fuel',
  lines: 'receipt',
  notes: 'notes',
  note: 'note',
  supplier_ref: 'supplier reference',
  log_id: 'log id',
  unit_cost: 'unit cost',
  counted_qty: 'counted quantity',
  reason: 'reason',
  wo_id: 'work order',
  source: 'source',
  defective: 'defective',
  consumable_id: 'consumable id',
};

/** "Line 2: quantity must be more than zero" from a zod issue path and message. */
export function describeIssue(path: readonly PropertyKey[], message: string): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (key === 'lines' && typeof path[i + 1] === 'number') {
      words.push(`Line ${Number(path[i + 1]) + 1}:`);
      i++;
    } else if (typeof key === 'string') {
      words.push(FIELD_LABELS[key] ?? key.replace(/_/g, ' '));
    }
  }
  const subject = words.join(' ');
  return subject ? `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${message}` : message;
}
