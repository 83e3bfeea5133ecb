// Station API, domain "session": users log in at the station (offline too, against the synced
// users and their scrypt hashes).
import { z } from 'zod';
import { userRoleSchema } from './roles.ts';

export const loginParamsSchema = z.object({
  email: z.string().trim().toLowerCase().min(3, { message: 'Enter your e-mail address.' }).max(254),
  password: z.string().min(1, { message: 'Enter your password.' }).max(1024),
});
export type LoginParams = z.infer<typeof loginParamsSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: userRoleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
