// GS1 Digital Link: a QR code holding a web address whose path carries GS1 keys and qualifiers,
// e.g. https://id.example.com/01/09506000134352/10/AB-123/21/XYZ?17=240630. Turned into the
// parenthesised element string, which parseGs1 then checks like any other GS1 data.
import { gs1Ai } from './gs1-ais.ts';

/** Primary keys a Digital Link path starts with (after any prefix path of the host's choosing). */
const KEYS = new Set(['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8017', '8018']);

/** The short names older Digital Link URIs use instead of the AI digits. */
const ALIASES: Record<string, string> = {
  gtin: '01',
  sscc: '00',
  lot: '10',
  batch: '10',
  ser: '21',
  cpv: '22',
  gln: '414',
  grai: '8003',
  giai: '8004',
  exp: '17',
};

function aiOf(segment: string): string | null {
  const ai = ALIASES[segment.toLowerCase()] ?? segment;
  return /^\d{2,4}$/.test(ai) && gs1Ai(ai) ? ai : null;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The element string "(01)...(10)..." of a GS1 Digital Link URL, or null when `url` is not one. */
export function digitalLinkToHri(url: URL): string | null {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const start = segments.findIndex((s, i) => {
    const ai = aiOf(s);
    return ai !== null && KEYS.has(ai) && /^\d+$/.test(segments[i + 1] ?? '');
  });
  if (start === -1) return null;
  const pairs: string[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const ai = aiOf(segments[i] ?? '');
    const value = decode(segments[i + 1] ?? '');
    if (ai === null || value === null || value === '') return null;
    pairs.push(`(${ai})${value}`);
  }
  for (const [key, raw] of url.searchParams) {
    const ai = aiOf(key);
    if (ai !== null && raw !== '') pairs.push(`(${ai})${raw}`);
  }
  return pairs.join('');
}
