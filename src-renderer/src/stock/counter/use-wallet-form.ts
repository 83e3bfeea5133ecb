// What the Issue and Return screens share: the technician, the part, the bin and the quantity of
// one wallet line; the scans both take (a badge, a bin, a warehouse); Escape that clears the line,
// then the technician; and the checks before a line is queued.
import { useState, type KeyboardEvent } from 'react';
import type { ScanItem } from '../../../../src-preload/contract/lookup.ts';
import type { PartStock } from '../../../../src-preload/contract/stock/reads.ts';
import { takeWarehouseScan } from '../../components/scan-routing.ts';
import type { BinChoice } from './bin-picker.tsx';
import { useStockByPart, useWarehouses } from '../stock-queries.ts';
import type { CounterScreen } from './use-counter-screen.ts';
import { readWalletLine } from './wallet-line.ts';

export interface Person {
  id: string;
  name: string;
}

export interface WalletForm {
  technician: Person | null;
  setTechnician: (technician: Person | null) => void;
  partId: string | null;
  setPartId: (partId: string | null) => void;
  part: PartStock | undefined;
  bin: BinChoice;
  setBin: (bin: BinChoice | ((current: BinChoice) => BinChoice)) => void;
  qty: string;
  setQty: (qty: string) => void;
  focusQty: () => void;
  /** Clears the part, the quantity and the bin label (the warehouse stays). */
  clearLine: () => void;
  /** A scanned badge, bin or warehouse; other kinds are the screen's (undefined: not handled). */
  takeScan: (item: ScanItem, title: string) => string | null | undefined;
  /** The technician, part and quantity, checked (null: the reason is shown). */
  readLine: (partMissing: string) => { technicianId: string; partId: string; qty: number } | null;
  /** Escape: clears the line, or the technician when the line is empty. */
  onEscape: (event: KeyboardEvent<HTMLDivElement>, lineEmpty: boolean, clear: () => void) => void;
}

export function useWalletForm(
  screen: CounterScreen,
  qtyFieldId: string,
  onTechnician: (technician: Person) => void,
): WalletForm {
  const warehouses = useWarehouses();
  const [technician, setTechnician] = useState<Person | null>(null);
  const [partId, setPartId] = useState<string | null>(null);
  const [bin, setBin] = useState<BinChoice>({ warehouseId: null, bin: '' });
  const [qty, setQty] = useState('');
  const part = useStockByPart(partId).data?.part;
  const focusQty = (): void => {
    document.getElementById(qtyFieldId)?.focus();
  };

  return {
    technician,
    setTechnician,
    partId,
    setPartId,
    part,
    bin,
    setBin,
    qty,
    setQty,
    focusQty,
    clearLine: () => {
      setPartId(null);
      setQty('');
      setBin((current) => ({ warehouseId: current.warehouseId, bin: '' }));
    },
    takeScan: (item) => {
      switch (item.kind) {
        case 'person': {
          const person = { id: item.id, name: item.fullName };
          setTechnician(person);
          onTechnician(person);
          return null;
        }
        case 'bin':
          setBin({ warehouseId: item.warehouseId, bin: item.bin });
          return null;
        case 'warehouse':
          return takeWarehouseScan(item, warehouses.data, (warehouseId) => {
            setBin({ warehouseId, bin: '' });
          });
        default:
          return undefined;
      }
    },
    readLine: (partMissing) => readWalletLine(screen, { technician, part, qty, partMissing, focusQty }),
    onEscape: (event, lineEmpty, clear) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      screen.reset();
      if (lineEmpty) setTechnician(null);
      else clear();
      screen.focusScan();
    },
  };
}
