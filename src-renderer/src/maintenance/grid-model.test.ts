// The daily log grid's model: moving between cells, pasting a spreadsheet block, copying
// yesterday, and each row's state (errors with their reason, anomalies from the asset's normal).
import { describe, expect, it } from 'vitest';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { assetNorms } from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { copyYesterday, emptyDraft, moveFrom, pasteBlock, rowState, type Draft } from './grid-model.ts';

let n = 0;
const ids = () => ({ opId: `op-${++n}`, logId: `log-${n}` });

function row(code: string, extra: Partial<DailyLogGridRow> = {}): DailyLogGridRow {
  return {
    asset_id: code,
    client_code: code,
    name: `Machine ${code}`,
    category: 'Plant',
    area: 'Yard',
    status: 'in_service',
    tank_litres: 400,
    meter: 1000,
    meter_date: '2026-11-24',
    log: null,
    rejected: null,
    yesterday: { hours: 8, fuel: 160 },
    // Ten days of 7 to 9 hours at 20 L/h.
    norms: assetNorms(
      Array.from({ length: 10 }, (_, i) => ({ hours: 7 + (i % 3), fuel: (7 + (i % 3)) * 20 })),
    ),
    ...extra,
  };
}

const draft = (hours: string, fuel = '', notes = ''): Draft => ({ ...emptyDraft(ids()), hours, fuel, notes });

describe('moving between cells', () => {
  it('follows the spreadsheet keys and stops at the edges', () => {
    expect(moveFrom({ row: 0, col: 0 }, 'Enter', false, 3)).toEqual({ row: 1, col: 0 });
    expect(moveFrom({ row: 1, col: 1 }, 'Enter', true, 3)).toEqual({ row: 0, col: 1 });
    expect(moveFrom({ row: 0, col: 2 }, 'Tab', false, 3)).toEqual({ row: 1, col: 0 });
    expect(moveFrom({ row: 1, col: 0 }, 'Tab', true, 3)).toEqual({ row: 0, col: 2 });
    expect(moveFrom({ row: 2, col: 0 }, 'ArrowDown', false, 3)).toBeNull();
    expect(moveFrom({ row: 0, col: 0 }, 'ArrowLeft', false, 3)).toBeNull();
    expect(moveFrom({ row: 0, col: 1 }, 'ArrowRight', false, 3)).toEqual({ row: 0, col: 2 });
  });
});

describe('pasting and copying', () => {
  it('fills rows and columns from the cell a block is pasted into', () => {
    const order = [row('A'), row('B'), row('C')];
    const changed = pasteBlock('7.5\t150\tnight\r\n8\t160\r\n', { row: 1, col: 0 }, order, new Map(), ids);
    expect([...changed.keys()]).toEqual(['B', 'C']);
    expect(changed.get('B')).toMatchObject({ hours: '7.5', fuel: '150', notes: 'night' });
    expect(changed.get('C')).toMatchObject({ hours: '8', fuel: '160', notes: '' });
  });

  it("copies yesterday's values into rows not logged and not typed yet", () => {
    const order = [row('A'), row('B'), row('C', { yesterday: null })];
    const changed = copyYesterday(order, new Map([['B', draft('3')]]), ids);
    expect([...changed.keys()]).toEqual(['A']);
    expect(changed.get('A')).toMatchObject({ hours: '8', fuel: '160' });
  });
});

describe('a row', () => {
  it('gives the reason beside the cell: hours, fuel above the tank, a missing hour', () => {
    expect(rowState(row('A'), draft('25', '10'), false).errors.hours).toBe(
      '25 hours in one day is not possible (0 to 24).',
    );
    expect(rowState(row('A'), draft('8', '450'), false).errors.fuel).toBe(
      'Its tank holds at most 400 L; 450 L is more.',
    );
    expect(rowState(row('A'), draft('', '40'), false).errors.hours).toBe(
      'Enter the run hours (0 if it did not run).',
    );
    expect(rowState(row('A'), draft('abc'), false).errors.hours).toBe('"abc" is not a number of hours.');
  });

  it('offers a correction instead of a second log', () => {
    const logged = row('A', {
      log: {
        id: 'l',
        hours: 8,
        fuel: 160,
        notes: null,
        anomalies: [],
        state: 'applied',
        supervisor: 'Sue',
        correction_pending: false,
      },
    });
    expect(rowState(logged, draft('7'), false)).toMatchObject({
      status: 'error',
      errors: { hours: 'Already logged for this day (8 h, 160 L by Sue): correct that log instead.' },
    });
  });

  it('flags what is far from the asset’s own normal, and what the asset’s status makes odd', () => {
    expect(rowState(row('A'), draft('8', '160'), false)).toMatchObject({ status: 'edited', anomalies: [] });
    const high = rowState(row('A'), draft('16', '320'), false);
    expect(high.anomalies.map((a) => a.code)).toEqual(['hours_above_normal']);
    const thirsty = rowState(row('A'), draft('8', '390'), false);
    expect(thirsty.anomalies.map((a) => a.code)).toEqual(['burn_rate_outside_band']);
    expect(rowState(row('A'), draft('0', '50'), false).anomalies.map((a) => a.code)).toEqual([
      'fuel_without_hours',
    ]);
    expect(
      rowState(row('A', { status: 'in_transit' }), draft('8', '160'), false).anomalies.map((a) => a.code),
    ).toEqual(['hours_in_transit']);
  });

  it('is worked out again for the same draft when the row is read again or the day is submitted', () => {
    const typed = draft('7', '140');
    const fresh = row('A');
    expect(rowState(fresh, typed, false)).toMatchObject({ status: 'edited' });
    // The same draft, the same row: the same answer.
    expect(rowState(fresh, typed, false)).toBe(rowState(fresh, typed, false));
    // Another station's log arrived for the asset: the row is read again, the draft is now refused.
    const logged = row('A', {
      log: {
        id: 'other',
        hours: 6,
        fuel: 120,
        notes: null,
        anomalies: [],
        state: 'applied',
        supervisor: 'Sue',
        correction_pending: false,
      },
    });
    expect(rowState(logged, typed, false)).toMatchObject({ status: 'error' });
    expect(rowState(fresh, typed, true)).toMatchObject({
      status: 'error',
      errors: { hours: 'The day is submitted; a manager must reopen it before logs can be added.' },
    });
    expect(rowState(fresh, typed, false)).toMatchObject({ status: 'edited' });
  });

  it('stays rejected while the refusal is not acknowledged, showing the log that survived', () => {
    const log = {
      id: 'other',
      hours: 5,
      fuel: 60,
      notes: null,
      anomalies: [],
      state: 'applied' as const,
      supervisor: 'Another station',
      correction_pending: false,
    };
    const reason = 'Machine A already has a daily log for 2026-11-25.';
    const refused = row('A', { log, rejected: { op_id: 'op', reason, hours: 8, fuel: 160 } });
    expect(rowState(refused, undefined, false).status).toBe('rejected');
    expect(rowState(row('A', { log }), undefined, false).status).toBe('applied');
  });

  it('refuses new logs on a submitted day', () => {
    expect(rowState(row('A'), draft('8'), true).errors.hours).toMatch(/The day is submitted/);
  });
});
