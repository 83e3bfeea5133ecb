// DIR/scanner.json: the scanner this station reads, remembered across restarts. Written when the user
// chooses a scanner; a missing file means none is chosen (the keyboard wedge reader only).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const SCANNER_FILE = 'scanner.json';

export const scannerSettingsSchema = z.strictObject({
  format: z.literal(1),
  /** The chosen device's stable id (vendor:product:serial:usagePage.usage), or null for none. */
  deviceId: z.string().min(1).max(512).nullable(),
  /** What the user saw when choosing it (product name), for messages. */
  label: z.string().max(200).nullable().default(null),
  /** Keyboard mode: end a scan without terminator after this much silence. */
  keyboardIdleMs: z.number().int().min(20).max(5000).default(200),
  chosenAt: z.string().nullable().default(null),
});
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;

export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  format: 1,
  deviceId: null,
  label: null,
  keyboardIdleMs: 200,
  chosenAt: null,
};

export function scannerSettingsPath(dir: string): string {
  return join(dir, SCANNER_FILE);
}

export function readScannerSettings(dir: string): ScannerSettings {
  const path = scannerSettingsPath(dir);
  if (!existsSync(path)) return { ...DEFAULT_SCANNER_SETTINGS };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON; delete it and choose the scanner again.`);
  }
  const parsed = scannerSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new Error(
      `${path} is not a valid scanner file (${where}${issue?.message ?? 'unknown problem'}); delete it and choose the scanner again.`,
    );
  }
  return parsed.data;
}

/** Writes the settings atomically (temporary file + rename), so a crash never leaves half a file. */
export function writeScannerSettings(dir: string, settings: ScannerSettings): string {
  const path = scannerSettingsPath(dir);
  const valid = scannerSettingsSchema.parse(settings);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(valid, null, 2) + '\n');
  renameSync(temporary, path);
  return path;
}
