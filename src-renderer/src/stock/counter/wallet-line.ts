// The checks a wallet line (issue or return) needs before it is queued: a technician, a part and
// a quantity the part's unit allows. Each missing piece is said plainly and the cursor goes where
// the storekeeper fixes it.
import { readQty } from './counter-format.ts';
import type { CounterScreen } from './use-counter-screen.ts';

export interface WalletLineInput {
  technician: { id: string } | null;
  part: { id: string; unit: string } | undefined;
  qty: string;
  /** What to say when no part is chosen yet (issue and return ask for it differently). */
  partMissing: string;
  focusQty: () => void;
}

export function readWalletLine(
  screen: CounterScreen,
  input: WalletLineInput,
): { technicianId: string; partId: string; qty: number } | null {
  if (input.technician === null) {
    screen.setError('Scan the technician’s badge or type their name first.');
    screen.focusScan();
    return null;
  }
  if (!input.part) {
    screen.setError(input.partMissing);
    screen.focusScan();
    return null;
  }
  const read = readQty(input.qty, input.part.unit);
  if (!read.ok) {
    screen.setError(read.message);
    input.focusQty();
    return null;
  }
  return { technicianId: input.technician.id, partId: input.part.id, qty: read.value };
}
