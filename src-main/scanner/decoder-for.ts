// Which decoder a device gets, by the usage page it presents (0x8C: HID POS; 0x01/0x06: keyboard
// mode). Kept apart from the decoder interface (report-decoder.ts), which both decoders implement.
import { HidKeyboardDecoder } from './hid-keyboard-decoder.ts';
import { HidPosDecoder } from './hid-pos-decoder.ts';
import { readerFor, type DecoderOptions, type DeviceUsage, type ReportDecoder } from './report-decoder.ts';

/** The decoder for a device, chosen by its usage page (0x8C: HID POS; 0x01/0x06: keyboard mode). */
export function createDecoder(device: DeviceUsage, options: DecoderOptions = {}): ReportDecoder {
  const reader = readerFor(device);
  if (reader === 'hid-pos') return new HidPosDecoder({ vendorId: device.vendorId });
  if (reader === 'hid-keyboard') {
    return new HidKeyboardDecoder(
      options.keyboardIdleMs === undefined ? {} : { idleMs: options.keyboardIdleMs },
    );
  }
  const page = device.usagePage === undefined ? '?' : `0x${device.usagePage.toString(16)}`;
  const usage = device.usage === undefined ? '?' : `0x${device.usage.toString(16)}`;
  throw new Error(
    `This device (usage page ${page}, usage ${usage}) is neither a HID POS barcode scanner (usage page 0x8c) nor a keyboard (0x01/0x06).`,
  );
}
