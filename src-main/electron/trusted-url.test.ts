import { describe, expect, it } from 'vitest';
import { isTrustedAppUrl } from './trusted-url.ts';

describe('isTrustedAppUrl', () => {
  it('trusts pages of the app origin in development', () => {
    expect(isTrustedAppUrl('http://localhost:5173/#/stock', 'http://localhost:5173/')).toBe(true);
  });

  it('refuses other origins, ports and schemes', () => {
    expect(isTrustedAppUrl('https://example.com/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedAppUrl('javascript:alert(1)', 'http://localhost:5173/')).toBe(false);
  });

  it('trusts only the bundled index.html for file URLs', () => {
    const app = 'file:///opt/amms/out/renderer/index.html';
    expect(isTrustedAppUrl('file:///opt/amms/out/renderer/index.html#/lookup', app)).toBe(true);
    expect(isTrustedAppUrl('file:///etc/passwd', app)).toBe(false);
  });

  it('refuses text that is not a URL', () => {
    expect(isTrustedAppUrl('not a url', 'http://localhost:5173/')).toBe(false);
  });
});
