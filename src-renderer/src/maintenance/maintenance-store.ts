// Which work order, request and asset the maintenance screens have open, so that the PM board, an
// asset card or a triage can open a work order on the Work orders screen, and any asset shown opens
// its card.
import { create } from 'zustand';
import { useSessionStore } from '../state/session-store.ts';

interface MaintenanceSelection {
  workOrderId: string | null;
  requestId: string | null;
  assetId: string | null;
  selectWorkOrder: (id: string | null) => void;
  selectRequest: (id: string | null) => void;
  selectAsset: (id: string | null) => void;
}

export const useMaintenanceStore = create<MaintenanceSelection>()((set) => ({
  workOrderId: null,
  requestId: null,
  assetId: null,
  selectWorkOrder: (id) => {
    set({ workOrderId: id });
  },
  selectRequest: (id) => {
    set({ requestId: id });
  },
  selectAsset: (id) => {
    set({ assetId: id });
  },
}));

/** Opens a work order on the Work orders screen. */
export function openWorkOrder(id: string): void {
  useMaintenanceStore.getState().selectWorkOrder(id);
  useSessionStore.getState().show('work-orders', 'maintenance');
}

/** Opens an asset's card on the Asset card screen. */
export function openAsset(id: string): void {
  useMaintenanceStore.getState().selectAsset(id);
  useSessionStore.getState().show('asset-card', 'maintenance');
}
