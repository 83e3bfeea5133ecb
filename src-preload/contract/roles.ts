// The one list of user roles (the database's enum user_role, in its order). The core checks
// operations against it, navigation shows screens by it, and test/db/role-parity.test.ts proves it
// equals the server's enum and the roles of every operation type in amms_private.op_types.
import { z } from 'zod';

export const USER_ROLES = [
  'admin',
  'manager',
  'supervisor',
  'storekeeper',
  'logistics_clerk',
  'technician',
  'operator',
] as const;

export const userRoleSchema = z.enum(USER_ROLES);
export type UserRoleName = (typeof USER_ROLES)[number];

/** Every role: screens and reads open to anyone logged in. */
export const EVERYONE: readonly UserRoleName[] = USER_ROLES;

/** How a role is named on screen. */
export const ROLE_LABELS: { readonly [R in UserRoleName]: string } = {
  admin: 'Admin',
  manager: 'Manager',
  supervisor: 'Supervisor',
  storekeeper: 'Storekeeper',
  logistics_clerk: 'Logistics clerk',
  technician: 'Technician',
  operator: 'Operator',
};
