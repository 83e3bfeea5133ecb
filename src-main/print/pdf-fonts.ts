// The fonts every PDF of the station embeds (resources/fonts, README there): Noto Sans for Latin,
// Greek and Cyrillic, Noto Sans Ethiopic for names in Ge'ez script. jsPDF draws a string in one
// font, so text is cut into runs, each in the first face that has its characters; a character no
// face has prints as the replacement mark (U+FFFD) instead of an invisible gap.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsPDF } from 'jspdf';

export type FontWeight = 'normal' | 'bold';

interface FontFace {
  family: string;
  files: Record<FontWeight, string>;
}

/** In the order a character looks for its glyph. */
export const FONT_FACES: readonly FontFace[] = [
  { family: 'NotoSans', files: { normal: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' } },
  {
    family: 'NotoSansEthiopic',
    files: { normal: 'NotoSansEthiopic-Regular.ttf', bold: 'NotoSansEthiopic-Bold.ttf' },
  },
];

export const MAIN_FAMILY = 'NotoSans';
const REPLACEMENT = '\uFFFD';

/**
 * The fonts folder: AMMS_FONTS_DIR, else resources/fonts of the package (two levels up from this
 * file in the sources, and from out/main in the Electron build).
 */
export function fontsDir(): string {
  const configured = process.env.AMMS_FONTS_DIR;
  if (configured) return configured;
  const candidates = [resolve(import.meta.dirname, '../../resources/fonts'), resolve('resources/fonts')];
  return (
    candidates.find((dir) => existsSync(join(dir, FONT_FACES[0]?.files.normal ?? ''))) ?? candidates[0] ?? ''
  );
}

let loaded: Map<string, string> | null = null;

/** Every font file as base64, read once per process (the print worker keeps them). */
function fontFiles(): Map<string, string> {
  if (loaded) return loaded;
  const dir = fontsDir();
  const files = new Map<string, string>();
  for (const face of FONT_FACES) {
    for (const file of Object.values(face.files)) {
      const path = join(dir, file);
      if (!existsSync(path)) {
        throw new Error(`The PDF font ${path} is missing (see resources/fonts/README.md).`);
      }
      files.set(file, readFileSync(path).toString('base64'));
    }
  }
  loaded = files;
  return files;
}

interface GlyphLookup {
  metadata?: { characterToGlyph?: (code: number) => number };
}

let lookups: ((code: number) => number)[] | null = null;

/**
 * Each face's character map, read once per process (from a scratch document): which face draws a
 * character is known before any document registers the face.
 */
function faceLookups(): ((code: number) => number)[] {
  if (lookups) return lookups;
  const files = fontFiles();
  const scratch = new jsPDF();
  lookups = FONT_FACES.map((face) => {
    scratch.addFileToVFS(face.files.normal, files.get(face.files.normal) ?? '');
    scratch.addFont(face.files.normal, face.family, 'normal');
    scratch.setFont(face.family, 'normal');
    const font = scratch.getFont() as unknown as GlyphLookup;
    const metadata = font.metadata;
    const lookup = metadata?.characterToGlyph;
    if (!metadata || !lookup) throw new Error(`The font ${face.family} has no character map.`);
    return (code) => lookup.call(metadata, code);
  });
  return lookups;
}

/**
 * The fonts of one document: which face draws a character, and each face and weight registered on
 * the document when first used (parsing a font costs tens of milliseconds; a document embeds only
 * the faces it uses, and of them only the glyphs it uses).
 */
export class FontCoverage {
  private readonly byChar = new Map<number, number>();
  private readonly lookups = faceLookups();
  private readonly registered = new Set<string>();

  constructor(private readonly doc: jsPDF) {}

  /** Index into FONT_FACES of the face that draws `code`, or -1 when none has it. */
  faceOf(code: number): number {
    const known = this.byChar.get(code);
    if (known !== undefined) return known;
    let face = -1;
    if (code <= 0x20) face = 0;
    else {
      for (let i = 0; i < this.lookups.length; i++) {
        if ((this.lookups[i]?.(code) ?? 0) !== 0) {
          face = i;
          break;
        }
      }
    }
    this.byChar.set(code, face);
    return face;
  }

  /** Selects a face and weight on the document, registering it first when it is new there. */
  use(family: string, weight: FontWeight): void {
    const key = `${family}/${weight}`;
    if (!this.registered.has(key)) {
      const face = FONT_FACES.find((f) => f.family === family);
      if (!face) throw new Error(`No font face ${family}.`);
      const file = face.files[weight];
      this.doc.addFileToVFS(file, fontFiles().get(file) ?? '');
      this.doc.addFont(file, family, weight);
      this.registered.add(key);
    }
    this.doc.setFont(family, weight);
  }
}

export interface TextRun {
  text: string;
  family: string;
}

/** `text` cut into runs of one face each (characters no face has become U+FFFD). */
export function textRuns(text: string, coverage: FontCoverage): TextRun[] {
  const runs: TextRun[] = [];
  let current: { face: number; text: string } | null = null;
  for (const char of text) {
    let face = coverage.faceOf(char.codePointAt(0) ?? 0x20);
    let shown = char;
    if (face < 0) {
      face = 0;
      shown = REPLACEMENT;
    }
    if (current && current.face === face) current.text += shown;
    else {
      if (current) runs.push({ text: current.text, family: FONT_FACES[current.face]?.family ?? MAIN_FAMILY });
      current = { face, text: shown };
    }
  }
  if (current) runs.push({ text: current.text, family: FONT_FACES[current.face]?.family ?? MAIN_FAMILY });
  return runs;
}

/** The document's fonts, with the main face selected. */
export function registerFonts(doc: jsPDF): FontCoverage {
  const coverage = new FontCoverage(doc);
  coverage.use(MAIN_FAMILY, 'normal');
  return coverage;
}
