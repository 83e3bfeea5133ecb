// The role matrix of an operation type, in the type's own test file (test/db/<domain>/<type>.test.ts):
// every role of the one role list (USER_ROLES) does the type's sample operation, once pushed
// through amms_push and once queued on a station. The roles the contract gives the type
// (OPERATIONS[type].roles) get it applied / queued; every other role gets 'forbidden' naming the
// user and the role, and nothing changes (no business row, no outbox row, no pending effect).
// No test holds a role list of its own: test/db/role-parity.test.ts proves amms_private.op_types has
// the contract's roles, and that every type has its matrix in a test file of its domain.
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../src-main/ops/submit.ts';
import { OPERATIONS, type OperationType } from '../../src-preload/contract/operations.ts';
import { USER_ROLES } from '../../src-preload/contract/roles.ts';
import type { LocalStation } from './local-station.ts';
import { NAMES, users } from './ops-test-ids.ts';
import type { Envelope, PushFixture } from './push-fixture.ts';

export interface RoleSamples {
  /** The server's side: the file's push fixture. */
  push: PushFixture;
  /** An operation of the type, done by this user of tenant A, that only the user's role decides. */
  envelope: (userId: string) => Promise<Envelope>;
  /** The station's side: the file's local station. */
  station: LocalStation;
  /** The same on the station (the world of test/helpers/local-station.ts). */
  input: (userId: string) => SubmitInput;
}

/** Registers "roles for <type> > through amms_push | queued on the station > <role>". */
export function describeRoles(type: OperationType, samples: RoleSamples): void {
  const allowed: readonly string[] = OPERATIONS[type].roles;

  describe(`roles for ${type}`, () => {
    describe('through amms_push', () => {
      it.each(USER_ROLES)('%s', async (role) => {
        const t = samples.push;
        const userId = t.usersA[role];
        const envelope = await samples.envelope(userId);
        expect(envelope.type).toBe(type);
        if (allowed.includes(role)) await t.expectApplied(envelope);
        else
          await t.expectRejected(
            envelope,
            'forbidden',
            `${t.fullNames.get(userId) ?? '?'} (${role}) is not allowed to do this (${type}).`,
          );
      });
    });

    describe('queued on the station', () => {
      it.each(USER_ROLES)('%s', (role) => {
        const s = samples.station;
        const input = samples.input(users[role]);
        expect(input.type).toBe(type);
        if (allowed.includes(role)) expect(s.submit(input)).toMatchObject({ type });
        else
          s.expectRefused(
            input,
            'forbidden',
            `${NAMES[role]} (${role.replace('_', ' ')}) is not allowed to do this.`,
          );
      });
    });
  });
}
