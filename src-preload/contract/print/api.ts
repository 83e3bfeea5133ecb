// Station API, the print room's calls (any logged-in user): the printers, the station's default
// printer, printing and saving a document made on the station (labels: stock's labels.make).
import { z } from 'zod';
import type { MethodSpec } from '../method.ts';
import {
  printersResultSchema,
  printFileParamsSchema,
  printFileResultSchema,
  printSendParamsSchema,
  printSendResultSchema,
  setDefaultPrinterParamsSchema,
} from './reads.ts';

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const printApi = {
  'print.printers': { params: none, result: printersResultSchema },
  'print.setDefault': { params: setDefaultPrinterParamsSchema, result: ok },
  'print.send': { params: printSendParamsSchema, result: printSendResultSchema },
  'print.file': { params: printFileParamsSchema, result: printFileResultSchema },
} as const satisfies Record<string, MethodSpec>;
