// The input rules every scanned or typed string passes before it is looked up: at most 4096
// characters, a trailing CR/LF/Tab (the scanner's suffix) dropped, no control characters except GS
// (GS1 separators), no text that came from invalid UTF-8; a non-GS1 AIM symbology identifier
// (]E0, ]C0, ]Q1, ...) dropped; a QR label's web address reduced to its token.
import { GS } from './gs1.ts';

/** Longest input taken as a label; anything longer is a stuck key or a runaway reader. */
export const MAX_INPUT_LENGTH = 4096;

export type RejectReason = 'empty' | 'too_long' | 'control_character' | 'invalid_text';

export type CleanInput = { ok: true; text: string } | { ok: false; reason: RejectReason; message: string };

const count = new Intl.NumberFormat('en-US');

/** A control character shown so that support can read it: <GS>, U+0007. */
export function describeCharacter(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  const names: Record<number, string> = { 0x09: 'Tab', 0x0a: 'LF', 0x0d: 'CR', 0x1b: 'Esc', 0x1d: 'GS' };
  return names[cp] ?? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Shows a code with its GS separators visible, for messages and the CLI. */
export function printable(code: string): string {
  return code.replaceAll(GS, '<GS>');
}

/**
 * Control characters (C0, DEL, C1), invisible format characters (zero-width space, bidi marks, a
 * BOM inside the text), lone surrogates and U+FFFD, the replacement for bytes that were not UTF-8.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\uFFFD]/u;

/** Applies the input rules; the text keeps GS characters (only GS1 parsing gives them a meaning). */
export function cleanInput(raw: string): CleanInput {
  if (raw.length > MAX_INPUT_LENGTH) {
    return {
      ok: false,
      reason: 'too_long',
      message: `That is not a label: ${count.format(raw.length)} characters arrived at once.`,
    };
  }
  let text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  text = text.replace(/[\r\n\t]+$/, '').trim();
  if (text === '') return { ok: false, reason: 'empty', message: 'Scan or type a code.' };
  const bad = FORBIDDEN.exec(text.replaceAll(GS, ''));
  if (bad) {
    const char = bad[0];
    if (char === '\uFFFD' || /\p{Cs}/u.test(char)) {
      return {
        ok: false,
        reason: 'invalid_text',
        message:
          'The scanner sent bytes that are not valid text (invalid UTF-8). Check its character-set or keyboard-country setting, then scan again.',
      };
    }
    const position = text.indexOf(char) + 1;
    return {
      ok: false,
      reason: 'control_character',
      message: `The code contains the control character ${describeCharacter(char)} (position ${position}), which no label holds. Check the scanner's settings, then scan again.`,
    };
  }
  return { ok: true, text };
}

/** AIM symbology identifiers that mean "plain data" (not GS1): dropped before lookup. */
export function stripPlainSymbology(text: string): string {
  return /^\][A-Za-z][0-9A-Za-z]/.test(text) ? text.slice(3) : text;
}

/** A parsed web address, or null when `text` is not an http(s) URL. */
export function asUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The QR token in a label's web address: ?t=<token>, …/a/<token>, or a last path segment that
 * looks like a token (16 to 64 URL-safe characters). Null when the address carries none.
 */
export function tokenFromUrl(url: URL): string | null {
  const query = url.searchParams.get('t');
  if (query !== null && TOKEN.test(query)) return query;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const marker = segments.lastIndexOf('a');
  const afterMarker = marker === -1 ? undefined : segments[marker + 1];
  if (afterMarker !== undefined && TOKEN.test(afterMarker)) return afterMarker;
  const last = segments[segments.length - 1];
  return last !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(last) ? last : null;
}

/** True when `text` looks like a QR token rather than a human code: long, URL-safe, mixed case. */
export function looksLikeToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text);
}
