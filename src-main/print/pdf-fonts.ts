// The fonts every PDF of the station embeds (resources/fonts, README there): Noto Sans for Latin,
// Greek and Cyrillic, Noto Sans Ethiopic for names in Ge'ez script. jsPDF draws a string in one
// font, so text is cut into runs, each in the first face that has its characters; a character no
// face has prints as the replacement mark (U+FFFD) instead of an invisible gap.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { jsPDF } from 'jspdf';

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

/** Which faces of a document have which characters (asked of the fonts' own character maps). */
export class FontCoverage {
  private readonly byChar = new Map<number, number>();
  private readonly lookups: ((code: number) => number)[];

  constructor(doc: jsPDF) {
    this.lookups = FONT_FACES.map((face) => {
      doc.setFont(face.family, 'normal');
      const font = doc.getFont() as unknown as GlyphLookup;
      const lookup = font.metadata?.characterToGlyph;
      if (!lookup) throw new Error(`The font ${face.family} was not registered on this document.`);
      return (code) => lookup.call(font.metadata, code);
    });
  }

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

/** Adds every face to the document (jsPDF embeds only the glyphs used) and selects the main one. */
export function registerFonts(doc: jsPDF): FontCoverage {
  const files = fontFiles();
  for (const face of FONT_FACES) {
    for (const [weight, file] of Object.entries(face.files) as [FontWeight, string][]) {
      doc.addFileToVFS(file, files.get(file) ?? '');
      doc.addFont(file, face.family, weight);
    }
  }
  const coverage = new FontCoverage(doc);
  doc.setFont(MAIN_FAMILY, 'normal');
  return coverage;
}
