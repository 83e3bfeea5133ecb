/** A mistake in how the command was called: printed without a stack and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The database URL from --url, or AMMS_DATABASE_URL; a usage error when there is neither. */
export function resolveDatabaseUrl(url: string | undefined): string {
  const value = url ?? process.env.AMMS_DATABASE_URL;
  if (!value) {
    throw new UsageError('no database URL: pass --url postgres://... or set AMMS_DATABASE_URL.');
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new UsageError(
      `'${value}' is not a database URL (expected postgres://user:password@host:port/database).`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(
      `'${parsed.protocol}' URLs are not supported; use postgres://user:password@host:port/database.`,
    );
  }
  return value;
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`'${text}' is not a TCP port (1 to 65535).`);
  }
  return port;
}
