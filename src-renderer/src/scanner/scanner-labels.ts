// Words for the scanner's state and a device's name.
import type { ScannerDevice, ScannerStatusView } from '../../../src-preload/contract/scanner.ts';

export type Tone = 'ok' | 'busy' | 'warn' | 'bad';

export function statusLabel(status: ScannerStatusView): { label: string; tone: Tone } {
  if (status.deviceId === null) return { label: 'Keyboard scanner', tone: 'ok' };
  switch (status.state) {
    case 'connected':
      return { label: 'Scanner connected', tone: 'ok' };
    case 'disconnected':
      return { label: 'Scanner disconnected', tone: 'warn' };
    case 'unavailable':
      return { label: 'Scanner unavailable', tone: 'bad' };
    case 'permission_denied':
      return { label: 'Scanner: no permission', tone: 'bad' };
  }
}

export function deviceName(device: ScannerDevice): string {
  const name = [device.manufacturer, device.product].filter(Boolean).join(' ');
  return name === '' ? device.id : name;
}

export const OPEN_LABELS: Record<ScannerDevice['canOpen'], string> = {
  ok: 'Can be opened',
  permission_denied: 'No permission',
  unavailable: 'Cannot be opened here',
  failed: 'Could not be opened',
  not_tried: '—',
};
