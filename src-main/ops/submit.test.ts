// Queueing operations on the station (submitOperation, submitBatch) against a real SQLite station
// cache in a temporary folder (test/helpers/local-station.ts): what every operation type goes
// through, whatever its type: the first payload problem named, operation ids, normalised payloads,
// unknown types and users, and batches (all or nothing, with the failing index). What each type
// checks, queues and leaves pending, and who may do it, is in the type's own test file
// (test/db/<domain>/<type>.test.ts).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dailyLogOf, issueOf, lineOf, receiveOf, useLocalStation } from '../../test/helpers/local-station.ts';
import { NOW, retiredKeeper, station, users } from '../../test/helpers/ops-test-ids.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import { BatchError, submitBatch, type SubmitInput } from './submit.ts';

const s = useLocalStation();
const { submit, expectRefused, counts } = s;

// Payload validation ---------------------------------------------------------------------------------

describe('payload validation', () => {
  it('names the first problem when there are several', () => {
    expectRefused(
      receiveOf([lineOf(), lineOf({ qty: 0, bin_location: '' })]),
      'invalid_input',
      'Line 2: bin must be a bin label such as A-01-03',
    );
  });

  it('refuses an operation id that is not a UUID', () => {
    expectRefused(
      receiveOf([lineOf()], users.storekeeper, 'op-1'),
      'invalid_input',
      'The operation id must be a UUID.',
    );
  });

  it('normalises what it queues (bin labels trimmed and upper-cased)', () => {
    const queued = submit(receiveOf([lineOf({ bin_location: ' a-01-01 ' })]));
    expect(s.queuedPayload(queued.opId)).toEqual({ lines: [lineOf()] });
  });
});

// Types and users ---------------------------------------------------------------------------------------

describe('types and users', () => {
  it('refuses an operation type the station does not know', () => {
    expectRefused(
      { type: 'stock.teleport', userId: users.admin, payload: {} },
      'unknown_operation',
      '"stock.teleport" is not an operation this station knows.',
    );
  });

  it.each([
    ['an unknown user', randomUUID()],
    ['an inactive user', retiredKeeper],
  ])('refuses %s', (_name, userId) => {
    expectRefused(
      receiveOf([lineOf()], userId),
      'unknown_user',
      'That user is not an active user of this organisation.',
    );
  });
});

// Batches -----------------------------------------------------------------------------------------------

describe('submitBatch', () => {
  function batchErrorOf(inputs: SubmitInput[]): BatchError {
    const before = counts();
    let caught: unknown;
    try {
      submitBatch(STATION_OPERATIONS, s.cache, station, inputs, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BatchError);
    expect(counts()).toEqual(before);
    return caught as BatchError;
  }

  it('queues every entry in order, in one transaction', () => {
    const queued = submitBatch(
      STATION_OPERATIONS,
      s.cache,
      station,
      [receiveOf([lineOf({ qty: 2 })]), issueOf({ qty: 10 }), dailyLogOf()],
      NOW,
    );
    expect(queued.map((q) => [q.seq, q.type])).toEqual([
      [1, 'stock.receive'],
      [2, 'wallet.issue'],
      [3, 'daily_log.record'],
    ]);
    expect(counts()).toEqual({ outbox: 3, effects: 5 });
  });

  it('queues nothing when an entry is invalid, and names its index', () => {
    const error = batchErrorOf([receiveOf([lineOf()]), issueOf(), dailyLogOf({ run_hours_added: 30 })]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 2,
      code: 'invalid_input',
      message: 'Run hours cannot be more than 24 hours in a day',
    });
  });

  it('queues nothing when a later entry fails against what earlier ones queued', () => {
    const error = batchErrorOf([issueOf({ qty: 6 }), issueOf({ qty: 3 }), receiveOf([lineOf()])]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'insufficient_stock',
      message: 'Only 2 of BOLT-M8 left in bin A-01-01; cannot issue 3.',
    });
    expect(submit(issueOf({ qty: 8 })).seq).toBe(1);
  });

  it('refuses the same operation id twice in one batch', () => {
    const opId = randomUUID();
    const error = batchErrorOf([
      receiveOf([lineOf()], users.storekeeper, opId),
      receiveOf([lineOf()], users.admin, opId),
    ]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'duplicate_operation',
      message: `Operation ${opId} is already queued.`,
    });
  });

  it('reports a forbidden entry with its index', () => {
    const error = batchErrorOf([dailyLogOf(), dailyLogOf({ date: '2026-11-21' }, users.storekeeper)]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'forbidden',
      message: 'Sam Keeper (storekeeper) is not allowed to do this.',
    });
  });
});
