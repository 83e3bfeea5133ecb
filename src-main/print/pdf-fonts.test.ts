// Names in every script the embedded fonts cover come out of the PDF as they went in (pdftotext
// reads the fonts' own character maps), and a character no font has is marked, not dropped with the
// rest of its line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfWriter } from './pdf-writer.ts';

const out = mkdtempSync(join(tmpdir(), 'amms-fonts-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

function textOf(bytes: Uint8Array, name: string): string {
  const path = join(out, name);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

function fontsOf(name: string): string {
  return execFileSync('pdffonts', [join(out, name)], { encoding: 'utf8' });
}

const NAMES = [
  'Zoë Ngũgĩ Wanjirũ', // accented Latin (Kikuyu)
  'José Muñoz Çelik Łukasz Dvořák', // Latin-1 and Latin Extended-A
  'Nguyễn Thị Hồng', // Latin Extended Additional (Vietnamese)
  'Ольга Петренко', // Cyrillic
  'Αθηνά Παπαδοπούλου', // Greek
  'አበበ ቢቂላ', // Ethiopic (Amharic)
];

describe('embedded fonts', () => {
  it('print names with accents and in Cyrillic, Greek and Ethiopic script as typed', () => {
    const writer = new PdfWriter('a5', { title: 'Names', createdAt: new Date(0) });
    NAMES.forEach((name, i) => {
      writer.text(name, 12, 20 + i * 8, { size: 11, weight: i % 2 === 0 ? 'normal' : 'bold' });
    });
    writer.text('Driver: አበበ ቢቂላ (ID 12345678)', 12, 80, { size: 10 });
    const text = textOf(writer.output(), 'names.pdf');
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain('Driver: አበበ ቢቂላ (ID 12345678)');
    const fonts = fontsOf('names.pdf');
    expect(fonts).toMatch(/NotoSans\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/NotoSansEthiopic\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('mark a character no font has and keep the rest of the line', () => {
    const writer = new PdfWriter('a5', { title: 'Missing', createdAt: new Date(0) });
    writer.text('Li 张伟 Wei (seal S-1)', 12, 20, { size: 11 });
    const text = textOf(writer.output(), 'missing.pdf');
    expect(text).toContain('Li \uFFFD\uFFFD Wei (seal S-1)');
  });

  it('measure mixed-script text as the sum of its runs and cut it with "..." to a width', () => {
    const writer = new PdfWriter('a4', { title: 'Widths', createdAt: new Date(0) });
    const style = { size: 10 };
    const latin = writer.width('Abebe ', style);
    const ethiopic = writer.width('አበበ', style);
    expect(latin).toBeGreaterThan(0);
    expect(ethiopic).toBeGreaterThan(0);
    expect(writer.width('Abebe አበበ', style)).toBeCloseTo(latin + ethiopic, 5);
    const drawn = writer.text('Hydraulic pump assembly for the main conveyor drive', 12, 20, {
      ...style,
      maxWidth: 30,
    });
    expect(drawn).toBeLessThanOrEqual(30);
    expect(textOf(writer.output(), 'cut.pdf')).toContain('...');
  });

  it('give the same bytes for the same content', () => {
    const make = (): Uint8Array => {
      const writer = new PdfWriter('a4', { title: 'Same', createdAt: new Date('2026-03-14T10:00:00Z') });
      writer.text('GP-NBO-0042 Ngũgĩ', 12, 20, { size: 12, weight: 'bold' });
      return writer.output();
    };
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true);
  });
});
