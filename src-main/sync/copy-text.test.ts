import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeCopyField, decodeCopyLine, readCopyStream } from './copy-text.ts';

describe('COPY text format', () => {
  it('decodes NULL, plain text and every backslash escape', () => {
    expect(decodeCopyField('\\N')).toBeNull();
    expect(decodeCopyField('plain')).toBe('plain');
    expect(decodeCopyField('a\\tb\\nc\\\\d\\re')).toBe('a\tb\nc\\d\re');
    expect(decodeCopyField('\\101\\x42')).toBe('AB');
    expect(decodeCopyField('x\\.y')).toBe('x.y');
  });

  it('splits a line into fields', () => {
    expect(decodeCopyLine('1\t\\N\ttwo words\t{"a": "b\\tc"}')).toEqual([
      '1',
      null,
      'two words',
      '{"a": "b\tc"}',
    ]);
  });

  it('reassembles rows and multi-byte characters split across chunks', async () => {
    const text = 'a\tNairobi – Ω\n2\t\\N\n3\tlast';
    const bytes = Buffer.from(text, 'utf8');
    // Split inside the three-byte en dash and inside a row.
    const chunks = [bytes.subarray(0, 11), bytes.subarray(11, 13), bytes.subarray(13)];
    const rows: (string | null)[][] = [];
    const count = await readCopyStream(Readable.from(chunks), (batch) => rows.push(...batch), 2);
    expect(count).toBe(3);
    expect(rows).toEqual([
      ['a', 'Nairobi – Ω'],
      ['2', null],
      ['3', 'last'],
    ]);
  });
});
