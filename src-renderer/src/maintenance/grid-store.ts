// What the supervisor is doing in the daily log grid, kept apart from the rows the core reads:
// the drafts typed per asset, the rows the station refused on the last save (with the reason), the
// active cell. Rows subscribe to their own draft only, so a keystroke re-renders one row.
import { create } from 'zustand';
import { emptyDraft, type CellPos, type Column, type Draft, type DraftIds } from './grid-model.ts';

export const newIds = (): DraftIds => ({ opId: crypto.randomUUID(), logId: crypto.randomUUID() });

export interface GridState {
  /** The day the drafts are for. */
  date: string;
  drafts: ReadonlyMap<string, Draft>;
  /** Why the station refused a row on the last save (by asset id). */
  refused: ReadonlyMap<string, string>;
  active: CellPos;
  /** Bumped by a keyboard move: the new active cell takes the focus. */
  focusToken: number;
  setDate: (date: string) => void;
  setCell: (assetId: string, column: Column, value: string) => void;
  /** Replaces or adds several drafts at once (a pasted block, copy yesterday). */
  merge: (changed: ReadonlyMap<string, Draft>) => void;
  /** Forgets the drafts of rows that were queued and records the refusals. */
  saved: (queued: readonly string[], refused: ReadonlyMap<string, string>) => void;
  discard: (assetId: string) => void;
  /** The cell the focus is in (a click or a tab into it). */
  setActive: (pos: CellPos) => void;
  /** Moves the focus to a cell (keyboard). */
  moveTo: (pos: CellPos) => void;
}

export const useGridStore = create<GridState>()((set) => ({
  date: '',
  drafts: new Map(),
  refused: new Map(),
  active: { row: 0, col: 0 },
  focusToken: 0,
  setDate: (date) => {
    set((s) =>
      s.date === date ? s : { date, drafts: new Map(), refused: new Map(), active: { row: 0, col: 0 } },
    );
  },
  setCell: (assetId, column, value) => {
    set((s) => {
      const drafts = new Map(s.drafts);
      const current = drafts.get(assetId) ?? emptyDraft(newIds());
      drafts.set(assetId, { ...current, [column]: value });
      const refused = s.refused.has(assetId) ? new Map(s.refused) : s.refused;
      if (refused !== s.refused) (refused as Map<string, string>).delete(assetId);
      return { drafts, refused };
    });
  },
  merge: (changed) => {
    if (changed.size === 0) return;
    set((s) => {
      const drafts = new Map(s.drafts);
      for (const [assetId, draft] of changed) drafts.set(assetId, draft);
      return { drafts };
    });
  },
  saved: (queued, refused) => {
    set((s) => {
      const drafts = new Map(s.drafts);
      for (const assetId of queued) drafts.delete(assetId);
      return { drafts, refused: new Map(refused) };
    });
  },
  discard: (assetId) => {
    set((s) => {
      const drafts = new Map(s.drafts);
      drafts.delete(assetId);
      return { drafts };
    });
  },
  setActive: (pos) => {
    set((s) => (s.active.row === pos.row && s.active.col === pos.col ? s : { active: pos }));
  },
  moveTo: (pos) => {
    set((s) => ({ active: pos, focusToken: s.focusToken + 1 }));
  },
}));
