// Station API, domain "scanner": the HID scanner the station core reads (node-hid, never the
// renderer), the user's choice of it, its status, and one stream of scan events.
//
// One stream: HID POS and keyboard-mode devices are read in the core; the renderer's keyboard-wedge
// reader reports each of its scans with 'scanner.wedge', so the core checks every code by the same
// rules and drops a scan read twice (a keyboard-mode scanner read through HID still types into the
// window). The core broadcasts HID scans as the 'scanner.scan' event; a wedge scan is answered to
// the window that typed it (the result of 'scanner.wedge'), never broadcast to the other windows.
import { z } from 'zod';
import { lookupResultSchema } from './lookup.ts';
import type { UserRoleName } from './roles.ts';

/** Which reader produced a scan. */
export const scanSourceSchema = z.enum(['hid-pos', 'hid-keyboard', 'wedge', 'replay']);
export type ScanSource = z.infer<typeof scanSourceSchema>;

export const scanEventSchema = z.object({
  code: z.string(),
  /** A readable symbology name ('EAN-13', 'QR', 'GS1-128', ...), when the reader says. */
  symbology: z.string().nullable(),
  /** The AIM symbology identifier, e.g. ']E0', when the reader reports one. */
  aimId: z.string().nullable(),
  source: scanSourceSchema,
  /** The stable id of the device that read it, or null (the keyboard wedge). */
  deviceId: z.string().nullable(),
  /** When the scan completed, ms since the epoch. */
  at: z.number(),
  /**
   * What the code stands for, resolved once by the core from its cache (null when the core could
   * not be asked): screens take the match from here and never look the code up again.
   */
  lookup: lookupResultSchema.nullable(),
});
export type ScanEvent = z.infer<typeof scanEventSchema>;

export const scannerStateSchema = z.enum(['connected', 'disconnected', 'unavailable', 'permission_denied']);
export type ScannerState = z.infer<typeof scannerStateSchema>;

export const scannerStatusSchema = z.object({
  state: scannerStateSchema,
  /** A sentence the user can act on (e.g. the udev hint when permission is denied). */
  message: z.string(),
  /** The chosen device's stable id, or null when none is chosen (the wedge reader only). */
  deviceId: z.string().nullable(),
  /** The name the device had when it was chosen. */
  label: z.string().nullable(),
});
export type ScannerStatusView = z.infer<typeof scannerStatusSchema>;

export const scannerDeviceSchema = z.object({
  id: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  reader: z.enum(['hid-pos', 'hid-keyboard']).nullable(),
  looksLikeScanner: z.boolean(),
  /** Why it does or does not look like a scanner. */
  reason: z.string(),
  /** Whether it could be opened here (tried for devices that look like scanners only). */
  canOpen: z.enum(['ok', 'permission_denied', 'unavailable', 'failed', 'not_tried']),
  /** Why it could not be opened, and what to do. */
  openMessage: z.string().nullable(),
  chosen: z.boolean(),
});
export type ScannerDevice = z.infer<typeof scannerDeviceSchema>;

export const scannerDevicesResultSchema = z.object({
  devices: z.array(scannerDeviceSchema),
  /** Set when the devices could not be listed at all (e.g. node-hid or libusb missing). */
  error: z.string().nullable(),
  /** A note about this platform, e.g. that Windows keeps keyboard-mode scanners to itself. */
  platformNote: z.string().nullable(),
});
export type ScannerDevicesResult = z.infer<typeof scannerDevicesResultSchema>;

export const scannerChooseParamsSchema = z.object({
  /** null forgets the scanner: scans come from the keyboard wedge only. */
  deviceId: z.string().min(1).max(512).nullable(),
  label: z.string().max(200).nullable().optional(),
});

export const scannerWedgeParamsSchema = z.object({
  /** Longer than any code on purpose: the core refuses a runaway burst with a message. */
  code: z.string().max(65_536),
  symbology: z.string().max(50).nullable().optional(),
});

export const scannerWedgeResultSchema = z.object({
  /** The scan to deliver, or null when refused (error) or already read by another reader. */
  scan: scanEventSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ScannerWedgeResult = z.infer<typeof scannerWedgeResultSchema>;

/** Who may list the HID devices and choose the station's scanner. */
export const SCANNER_SETTINGS_ROLES: readonly UserRoleName[] = [
  'storekeeper',
  'logistics_clerk',
  'manager',
  'admin',
];
