// Logs a user in at the station against the synced users table (works offline). Failed attempts
// are slowed down per e-mail so a password cannot be guessed quickly at the counter.
import type { CacheDb } from '../cache/db.ts';
import { verifyPassword } from '../../db/auth/password-hash.ts';
import type { SessionUser } from '../../src-preload/contract/session.ts';
import { OpError } from './errors.ts';

const failures = new Map<string, { count: number; until: number }>();

export async function authenticate(db: CacheDb, email: string, password: string): Promise<SessionUser> {
  const key = email.toLowerCase();
  const blocked = failures.get(key);
  if (blocked && blocked.until > Date.now()) {
    throw new OpError('too_many_attempts', 'Too many wrong passwords. Wait a few seconds and try again.');
  }
  const row = db
    .prepare('SELECT id, email, full_name, role, password_hash, is_active FROM users WHERE email = ?')
    .get(key) as
    | {
        id: string;
        email: string;
        full_name: string;
        role: SessionUser['role'];
        password_hash: string;
        is_active: number;
      }
    | undefined;
  if (!row && db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined) {
    throw new OpError(
      'not_synced',
      'This station has not received its users yet. Wait for the first sync to finish.',
    );
  }
  const valid = row ? await verifyPassword(password, row.password_hash) : false;
  if (!row || !valid) {
    const count = (blocked?.count ?? 0) + 1;
    failures.set(key, {
      count,
      until: count >= 5 ? Date.now() + Math.min(60_000, 2 ** (count - 5) * 5000) : 0,
    });
    throw new OpError('wrong_credentials', 'Wrong e-mail or password.');
  }
  if (!row.is_active) throw new OpError('inactive_user', 'This account is switched off. Ask your manager.');
  failures.delete(key);
  return { id: row.id, email: row.email, fullName: row.full_name, role: row.role };
}
