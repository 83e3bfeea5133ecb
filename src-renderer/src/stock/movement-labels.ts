// Words for the kinds of stock movement (stock_movements.movement_type) in the history lists.

const MOVEMENT_LABELS: Record<string, string> = {
  receive: 'Received',
  issue: 'Issued',
  return: 'Returned',
  return_defective: 'Returned defective',
  consume: 'Used on work order',
  adjust: 'Count adjustment',
};

export function movementLabel(type: string): string {
  return MOVEMENT_LABELS[type] ?? type.replace(/_/g, ' ');
}
