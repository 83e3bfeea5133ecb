// Why a scanner could not be opened, as a status the UI can show and a message that says what to do:
// Linux permissions (the udev rule), macOS Input Monitoring, Windows keeping keyboards to itself.
import { accessSync, constants } from 'node:fs';
import { deviceIdOf, type HidDeviceInfo } from './hid-devices.ts';
import type { ScannerState } from './scan-event.ts';

export const WINDOWS_KEYBOARD_MESSAGE =
  'Windows does not let applications read a scanner in keyboard mode (the system owns keyboards). Use the keyboard (wedge) reader, or switch the scanner to HID POS mode.';

export const LINUX_PERMISSION_MESSAGE =
  'No permission to open the scanner. Install the udev rule resources/udev/70-amms-scanners.rules (see docs/scanners.md), then unplug and replug the scanner.';

export const MACOS_PERMISSION_MESSAGE =
  'macOS refused access to the scanner. Allow AMMS Station under System Settings > Privacy & Security > Input Monitoring.';

/** Why a device could not be opened, as a scanner status. */
export class ScannerOpenError extends Error {
  override name = 'ScannerOpenError';
  constructor(
    readonly state: Exclude<ScannerState, 'connected'>,
    message: string,
  ) {
    super(message);
  }
}

function permissionProblem(error: unknown, path: string, platform: NodeJS.Platform): boolean {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return true;
  const message = error instanceof Error ? error.message : String(error);
  if (/permission|access denied|not permitted/i.test(message)) return true;
  if (platform !== 'linux' || !path.startsWith('/dev/')) return false;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return false;
  } catch (accessError) {
    const accessCode = (accessError as { code?: string }).code;
    return accessCode === 'EACCES' || accessCode === 'EPERM';
  }
}

/** The ScannerOpenError for a failed open: permission_denied with what to do, or disconnected. */
export function openFailure(
  error: unknown,
  device: HidDeviceInfo,
  platform: NodeJS.Platform,
): ScannerOpenError {
  const path = device.path ?? '';
  if (permissionProblem(error, path, platform)) {
    if (platform === 'linux') return new ScannerOpenError('permission_denied', LINUX_PERMISSION_MESSAGE);
    if (platform === 'darwin') {
      return new ScannerOpenError('permission_denied', MACOS_PERMISSION_MESSAGE);
    }
    return new ScannerOpenError('permission_denied', `No permission to open the scanner (${path}).`);
  }
  return new ScannerOpenError(
    'disconnected',
    `Could not open the scanner ${deviceIdOf(device)}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
