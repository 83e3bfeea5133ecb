// amms scanner ...: support tools for barcode scanners, on the same code as the station core.
//   list                              the HID devices, which look like scanners, whether they open
//   record --device ID --out FILE     raw reports from a real scanner, as a recording a site can send in
//   replay FILE [--json] [--realtime] a recording through the real decoders: the scans it holds
// Each action loads the scanner code (and node-hid) when it runs, so that `--help` does not.
import type { Command } from 'commander';
import type { DeviceListing } from '../../scanner/hid-device-source.ts';
import { UsageError } from '../cli-errors.ts';

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0)
    throw new UsageError(`'${text}' is not a number of seconds.`);
  return seconds;
}

const hex = (n: number | undefined): string =>
  n === undefined ? '?' : `0x${n.toString(16).padStart(2, '0')}`;

function describeOpen(listing: DeviceListing): string {
  switch (listing.open) {
    case 'ok':
      return 'can be opened';
    case 'not_tried':
      return 'not tried';
    default:
      return `cannot be opened: ${listing.openMessage ?? listing.open}`;
  }
}

function printListing(listings: DeviceListing[]): void {
  if (listings.length === 0) {
    console.log('No HID devices found.');
    return;
  }
  const scanners = listings.filter((listing) => listing.looksLikeScanner);
  console.log(
    `${listings.length} HID device${listings.length === 1 ? '' : 's'}, ${scanners.length} that look${scanners.length === 1 ? 's' : ''} like a scanner (marked *):`,
  );
  for (const listing of listings) {
    const name = [listing.manufacturer, listing.product].filter(Boolean).join(' ') || '(no name)';
    console.log(`${listing.looksLikeScanner ? '*' : ' '} ${listing.id}  ${name}`);
    const where = `usage page ${hex(listing.usagePage)}, usage ${hex(listing.usage)}, path ${listing.path ?? '?'}`;
    const open = listing.looksLikeScanner ? `; ${describeOpen(listing)}` : '';
    console.log(`    ${listing.reason}; ${where}${open}`);
  }
  if (scanners.length === 0) {
    console.log(
      'None looks like a barcode scanner. A keyboard-mode scanner from an unknown vendor shows as a keyboard: record or choose it by its id.',
    );
  }
}

export function registerScannerCommands(program: Command): void {
  const scanner = program
    .command('scanner')
    .description('barcode scanners: list HID devices, record their raw reports, replay recordings');

  scanner
    .command('list')
    .description('list the HID devices, which of them look like scanners, and whether they can be opened')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }) => {
      const [{ listHidDevices }, { WINDOWS_KEYBOARD_MESSAGE }] = await Promise.all([
        import('../../scanner/hid-device-source.ts'),
        import('../../scanner/hid-open-errors.ts'),
      ]);
      const listings = await listHidDevices();
      if (options.json) console.log(JSON.stringify(listings, null, 2));
      else printListing(listings);
      if (!options.json && process.platform === 'win32') console.log(`Note: ${WINDOWS_KEYBOARD_MESSAGE}`);
    });

  scanner
    .command('record')
    .description(
      'record the raw reports of a scanner into a JSON Lines file (scan some codes, then Ctrl+C), to send in or replay',
    )
    .requiredOption('--device <id>', "the device id from 'amms scanner list' (or its path)")
    .requiredOption('--out <file>', 'the recording to write (.jsonl)')
    .option('--seconds <n>', 'stop after this many seconds', parseSeconds)
    .action(async (options: { device: string; out: string; seconds?: number }) => {
      const [
        { openHidDevice, ScannerOpenError },
        { RecordingWriter },
        { createDecoder },
        { readerFor },
        { printableCode },
      ] = await Promise.all([
        import('../../scanner/hid-device-source.ts'),
        import('../../scanner/recording.ts'),
        import('../../scanner/decoder-for.ts'),
        import('../../scanner/report-decoder.ts'),
        import('../../scanner/scan-event.ts'),
      ]);
      const { device, handle } = await openHidDevice(options.device).catch((error: unknown) => {
        throw error instanceof ScannerOpenError ? new Error(error.message) : error;
      });
      const writer = new RecordingWriter(options.out, {
        vendorId: device.vendorId,
        productId: device.productId,
        usagePage: device.usagePage ?? 0,
        usage: device.usage ?? 0,
        ...(device.product ? { product: device.product } : {}),
        ...(device.manufacturer ? { manufacturer: device.manufacturer } : {}),
        ...(device.interface === undefined ? {} : { interface: device.interface }),
        ...(device.release === undefined ? {} : { release: device.release }),
      });
      const decoder = readerFor(device) === null ? null : createDecoder(device);
      process.stderr.write(
        `Recording ${options.device} into ${options.out}. Scan some codes, then press Ctrl+C${options.seconds ? ` (or wait ${options.seconds} s)` : ''}.\n`,
      );
      const finished = new Promise<string>((resolveFinished) => {
        handle.on('data', (data) => {
          writer.write(new Uint8Array(data));
          for (const result of decoder?.push(new Uint8Array(data), performance.now()) ?? []) {
            process.stderr.write(
              result.kind === 'scan'
                ? `  scan: ${printableCode(result.code)}\n`
                : `  refused: ${result.message}\n`,
            );
          }
        });
        handle.on('error', (error) => {
          resolveFinished(`the device went away (${(error as Error).message})`);
        });
        process.once('SIGINT', () => {
          resolveFinished('stopped');
        });
        process.once('SIGTERM', () => {
          resolveFinished('stopped');
        });
        if (options.seconds) {
          setTimeout(() => {
            resolveFinished(`${options.seconds} s are up`);
          }, options.seconds * 1000).unref();
        }
      });
      const why = await finished;
      await handle.close().catch(() => undefined);
      writer.close();
      console.log(`Wrote ${writer.count} report${writer.count === 1 ? '' : 's'} to ${options.out} (${why}).`);
    });

  scanner
    .command('replay')
    .description('decode a recording through the real decoding path and print each scan')
    .argument('<file>', 'a recording (.jsonl) made by amms scanner record')
    .option('--json', 'print one JSON object per scan (and per refused scan)')
    .option('--realtime', 'wait the recorded time between reports')
    .action(async (file: string, options: { json?: boolean; realtime?: boolean }) => {
      const [{ ReplaySource }, { printableCode }] = await Promise.all([
        import('../../scanner/replay-source.ts'),
        import('../../scanner/scan-event.ts'),
      ]);
      const source = ReplaySource.fromFile(file, { realtime: options.realtime === true, startAt: 0 });
      let scans = 0;
      let errors = 0;
      source.on('scan', (event) => {
        scans += 1;
        const { code, symbology, aimId, at } = event;
        if (options.json)
          console.log(JSON.stringify({ code, symbology, aimId, reader: source.reader, t: at }));
        else
          console.log(
            `${printableCode(code)}  ${symbology ?? 'unknown symbology'}  ${aimId ?? '-'}  ${source.reader}  t=${at}ms`,
          );
      });
      source.on('error', (error) => {
        errors += 1;
        if (options.json) {
          console.log(
            JSON.stringify({ error: error.code, message: error.message, reader: source.reader, t: error.at }),
          );
        } else {
          process.stderr.write(`refused at t=${error.at}ms: ${error.message}\n`);
        }
      });
      await source.start();
      await source.finished();
      if (!options.json) {
        console.log(
          `${scans} scan${scans === 1 ? '' : 's'}, ${errors} refused, read as ${source.reader} from ${file}.`,
        );
      }
    });
}
