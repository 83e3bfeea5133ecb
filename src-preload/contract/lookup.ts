// Station API, domain "lookup": find what a scanned or typed code stands for, from the cache.
import { z } from 'zod';

/**
 * The call takes longer strings than any label so that the core can answer a runaway scanner
 * ("That is not a label: 10,000 characters arrived at once.") instead of failing validation.
 */
export const MAX_LOOKUP_PARAM_LENGTH = 65_536;

export const lookupParamsSchema = z.object({
  code: z.string().max(MAX_LOOKUP_PARAM_LENGTH, {
    message: 'That is not a label: far too many characters arrived at once.',
  }),
});

export const lookupKindSchema = z.enum(['asset', 'part', 'location', 'user', 'work_order', 'shipment']);
export type LookupKind = z.infer<typeof lookupKindSchema>;

/**
 * What a match is, as structured data a screen acts on (fill the part field, take the bin of that
 * warehouse, open the shipment), a union by kind. Screens never read it back out of the display
 * strings.
 */
export const scanItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('asset'),
    id: z.string(),
    clientCode: z.string().nullable(),
    name: z.string(),
    status: z.string(),
  }),
  z.object({ kind: z.literal('part'), id: z.string(), sku: z.string(), name: z.string(), unit: z.string() }),
  z.object({ kind: z.literal('bin'), warehouseId: z.string(), warehouseCode: z.string(), bin: z.string() }),
  z.object({ kind: z.literal('warehouse'), id: z.string(), code: z.string(), name: z.string() }),
  /** A location that is not a warehouse (a site, a building, a room, an area). */
  z.object({
    kind: z.literal('location'),
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: z.string(),
  }),
  /** A person's badge. */
  z.object({
    kind: z.literal('person'),
    id: z.string(),
    fullName: z.string(),
    role: z.string(),
    active: z.boolean(),
  }),
  z.object({ kind: z.literal('work_order'), id: z.string(), code: z.string(), status: z.string() }),
  /** A shipment, by its gate pass reference. */
  z.object({ kind: z.literal('shipment'), id: z.string(), gatePassRef: z.string(), status: z.string() }),
]);
export type ScanItem = z.infer<typeof scanItemSchema>;
export type ScanItemKind = ScanItem['kind'];

export const lookupMatchSchema = z.object({
  kind: lookupKindSchema,
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** Which code matched, e.g. "QR token", "SKU", "client code". */
  matchedBy: z.string(),
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  item: scanItemSchema,
});
export type LookupMatch = z.infer<typeof lookupMatchSchema>;

/** matched: one thing; ambiguous: several; not_found: nothing; rejected: not a label at all. */
export const lookupStatusSchema = z.enum(['matched', 'ambiguous', 'not_found', 'rejected']);
export type LookupStatus = z.infer<typeof lookupStatusSchema>;

/** What a GS1 barcode carried (GS1-128, GS1 DataMatrix, GS1 QR, DataBar, Digital Link). */
export const gs1DetailsSchema = z.object({
  symbology: z.string().nullable(),
  /** The element string in human-readable form, e.g. (01)09506000134352(17)240630(10)AB-123. */
  hri: z.string(),
  gtin: z.string().nullable(),
  batch: z.string().nullable(),
  serial: z.string().nullable(),
  /** YYYY-MM-DD. */
  expiry: z.string().nullable(),
  elements: z.array(z.object({ ai: z.string(), label: z.string(), value: z.string() })),
});
export type Gs1Details = z.infer<typeof gs1DetailsSchema>;

export const lookupResultSchema = z.object({
  code: z.string(),
  matches: z.array(lookupMatchSchema),
  /** When nothing matched (or several things did, or the input is no label): a message the user can act on. */
  message: z.string().nullable(),
  /** Codes that exist and are near what arrived ("did you mean …?"), nearest first. */
  suggestions: z.array(z.string()),
  status: lookupStatusSchema.optional(),
  /** Present when the code was a GS1 element string or Digital Link. */
  gs1: gs1DetailsSchema.optional(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;
