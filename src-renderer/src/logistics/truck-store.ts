// The truck each logistics screen is working on, kept while the clerk moves between screens: the
// Shipments screen opens a truck in Load or Receive truck, and coming back finds it still there.
import { create } from 'zustand';

export interface TruckState {
  /** The truck shown on Shipments, being loaded on Load, being received on Receive truck. */
  shown: string | null;
  loading: string | null;
  receiving: string | null;
  show: (id: string | null) => void;
  load: (id: string | null) => void;
  receive: (id: string | null) => void;
}

export const useTruckStore = create<TruckState>()((set) => ({
  shown: null,
  loading: null,
  receiving: null,
  show: (id) => {
    set({ shown: id });
  },
  load: (id) => {
    set({ loading: id });
  },
  receive: (id) => {
    set({ receiving: id });
  },
}));
