// The station API's scanner calls: list the HID devices, choose (and remember) the station's
// scanner, its status, and the keyboard wedge's scans merged into the core's one stream.
import {
  SCANNER_SETTINGS_ROLES,
  type ScannerDevice,
  type ScannerWedgeResult,
} from '../../src-preload/contract/scanner.ts';
import { WINDOWS_KEYBOARD_MESSAGE } from '../scanner/hid-open-errors.ts';
import type { ScanError, ScanEvent } from '../scanner/scan-event.ts';
import { OpError } from '../core/errors.ts';
import { scannerStatusView } from '../core/station-scanner.ts';
import { requireUser, type HandlerContext, type HandlerMap } from '../core/handler-types.ts';

function requireSettingsRole(ctx: HandlerContext): void {
  const { role } = requireUser(ctx);
  if (!(SCANNER_SETTINGS_ROLES as readonly string[]).includes(role)) {
    throw new OpError(
      'forbidden',
      'Only storekeepers, logistics clerks, managers and admins choose the scanner.',
    );
  }
}

/** A wedge scan through the service: accepted (the event), refused (the error) or a duplicate (neither). */
function wedgeScan(ctx: HandlerContext, code: string, symbology: string | null): ScannerWedgeResult {
  const service = ctx.core.scanner;
  const seen: { accepted: ScanEvent | null } = { accepted: null };
  const onScan = (event: ScanEvent): void => {
    if (event.source === 'wedge') seen.accepted = event;
  };
  service.on('scan', onScan);
  let result: ScanEvent | ScanError;
  try {
    result = service.wedgeScan(code);
  } finally {
    service.off('scan', onScan);
  }
  if ('message' in result) return { scan: null, error: { code: result.code, message: result.message } };
  const accepted = seen.accepted;
  return { scan: accepted && ctx.core.resolveScan({ ...accepted, symbology }), error: null };
}

export const scannerHandlers: HandlerMap<
  'scanner.devices' | 'scanner.choose' | 'scanner.status' | 'scanner.wedge'
> = {
  'scanner.devices': async (ctx) => {
    requireSettingsRole(ctx);
    const platformNote = process.platform === 'win32' ? WINDOWS_KEYBOARD_MESSAGE : null;
    const chosen = ctx.core.scanner.currentSettings().deviceId;
    try {
      const listings = await ctx.core.scanner.listDevices();
      const devices = listings.map((d): ScannerDevice => ({
        id: d.id,
        vendorId: d.vendorId,
        productId: d.productId,
        manufacturer: d.manufacturer ?? null,
        product: d.product ?? null,
        reader: d.reader,
        looksLikeScanner: d.looksLikeScanner,
        reason: d.reason,
        canOpen: d.open,
        openMessage: d.openMessage,
        chosen: d.id === chosen,
      }));
      return { devices, error: null, platformNote };
    } catch (error) {
      return { devices: [], error: error instanceof Error ? error.message : String(error), platformNote };
    }
  },
  'scanner.choose': async (ctx, params) => {
    requireSettingsRole(ctx);
    await ctx.core.scanner.chooseDevice(params.deviceId, params.label ?? null);
    return scannerStatusView(ctx.core.scanner);
  },
  'scanner.status': (ctx) => {
    requireUser(ctx);
    return scannerStatusView(ctx.core.scanner);
  },
  'scanner.wedge': (ctx, params) => {
    requireUser(ctx);
    return wedgeScan(ctx, params.code, params.symbology ?? null);
  },
};
