// The station's print settings (DIR/print-settings.json): the printer chosen as this station's
// default, remembered across restarts. A station-wide choice, not a user's: the printer stands at
// the counter or the gate.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const PRINT_SETTINGS_FILE = 'print-settings.json';

const settingsSchema = z.object({ defaultPrinter: z.string().min(1).max(200).nullable() });
export type PrintSettings = z.infer<typeof settingsSchema>;

export function readPrintSettings(dir: string): PrintSettings {
  const path = join(dir, PRINT_SETTINGS_FILE);
  if (!existsSync(path)) return { defaultPrinter: null };
  try {
    return settingsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return { defaultPrinter: null };
  }
}

export function writePrintSettings(dir: string, settings: PrintSettings): void {
  const path = join(dir, PRINT_SETTINGS_FILE);
  const temporary = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify(settingsSchema.parse(settings), null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}
