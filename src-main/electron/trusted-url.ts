// Pure check used by the navigation guard: only the app's own origin (or its file:// bundle) is
// trusted. Kept free of electron imports so it is unit-tested in plain Node.
export function isTrustedAppUrl(candidate: string, appUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(candidate);
    base = new URL(appUrl);
  } catch {
    return false;
  }
  if (base.protocol === 'file:') {
    return target.protocol === 'file:' && target.pathname === base.pathname;
  }
  return target.origin === base.origin;
}
