// Station API, the print room: the printers the system's spooler offers, the station's default
// printer, documents made on the station (printed, saved) and the progress of a long one.
import { z } from 'zod';

const documentId = z.uuid({ message: 'must be the id of a document made on this station' });

/** A client-chosen id that the core's print.progress events carry back. */
export const printRequestId = z.string().min(1).max(64).optional();

export const printerSchema = z.object({
  name: z.string(),
  /** The system's default printer. */
  isDefault: z.boolean(),
  /** idle, printing, disabled, offline ... when the spooler says. */
  state: z.string().nullable(),
});
export type Printer = z.infer<typeof printerSchema>;

export const printersResultSchema = z.object({
  spooler: z.enum(['cups', 'windows']),
  printers: z.array(printerSchema),
  /** The printer this station remembers as its default (null: none chosen yet). */
  stationDefault: z.string().nullable(),
  /** Why no printer can be listed (no spooler, spooler not running), when that is so. */
  message: z.string().nullable(),
});
export type PrintersResult = z.infer<typeof printersResultSchema>;

export const setDefaultPrinterParamsSchema = z.object({
  printer: z.string().trim().min(1, { message: 'Choose a printer.' }).max(200).nullable(),
});

/** A PDF the station made and keeps until it is printed or saved. */
export const madeDocumentSchema = z.object({
  documentId: z.string(),
  fileName: z.string(),
  title: z.string(),
  pages: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** How long drawing it took, in milliseconds (off the core's thread). */
  ms: z.number(),
});
export type MadeDocument = z.infer<typeof madeDocumentSchema>;

export const printSendParamsSchema = z.object({
  documentId,
  /** null: the station's default printer. */
  printer: z.string().trim().min(1).max(200).nullable(),
  copies: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1' })
    .max(20, { message: 'must be at most 20' }),
  /** Remember this printer as the station's default. */
  remember: z.boolean().optional(),
});

export const printSendResultSchema = z.object({
  printer: z.string(),
  jobId: z.string().nullable(),
  message: z.string(),
});

export const printFileParamsSchema = z.object({ documentId });

export const printFileResultSchema = z.object({
  fileName: z.string(),
  /** The PDF, base64-encoded (documents are tens to hundreds of kilobytes). */
  base64: z.string(),
});

/** Progress of a document being drawn (labels, rows of a manifest). */
export const printProgressSchema = z.object({
  requestId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
});
