// A station core's printing: the print room (PDFs drawn in a worker thread), the files it made,
// the station's default printer and the system's spooler. One per core, made on first use and
// closed with the core.
import type { StationCore } from '../core/station-core.ts';
import { PrintFiles, type MadeFile } from './print-files.ts';
import type { RenderProgress } from './pdf-writer.ts';
import type { PrintJob } from './print-jobs.ts';
import { PrintRoom } from './print-room.ts';
import { readPrintSettings, writePrintSettings } from './print-settings.ts';
import { SpoolerError, type PrinterInfo, type Spooler } from './spooler.ts';
import { systemSpooler } from './system-spooler.ts';

export interface PrinterList {
  spooler: Spooler['kind'];
  printers: PrinterInfo[];
  /** The printer this station remembers (it may have gone: then it is not in `printers`). */
  stationDefault: string | null;
  /** Why there are no printers to choose, when the spooler could not be asked. */
  message: string | null;
}

export interface MakeInfo {
  fileName: string;
  title: string;
  media: MadeFile['media'];
  /** How many times it may be printed (default: no limit). */
  printsLeft?: number | null;
  noPrintReason?: string;
}

export class PrintService {
  readonly files: PrintFiles;

  constructor(
    private readonly dir: string,
    readonly room: PrintRoom = new PrintRoom(),
    readonly spooler: Spooler = systemSpooler(),
  ) {
    this.files = new PrintFiles(dir);
  }

  /** Draws a document off the core's thread and keeps the file; progress as it goes. */
  async make(job: PrintJob, info: MakeInfo, onProgress?: RenderProgress): Promise<MadeFile & { ms: number }> {
    const { bytes, pages, ms } = await this.room.render(job, onProgress);
    return { ...this.files.keep(bytes, { ...info, pages }), ms };
  }

  async printers(): Promise<PrinterList> {
    const stationDefault = readPrintSettings(this.dir).defaultPrinter;
    try {
      return {
        spooler: this.spooler.kind,
        printers: await this.spooler.printers(),
        stationDefault,
        message: null,
      };
    } catch (error) {
      const message =
        error instanceof SpoolerError ? error.message : `The printers could not be listed: ${String(error)}`;
      return { spooler: this.spooler.kind, printers: [], stationDefault, message };
    }
  }

  setDefault(printer: string | null): void {
    writePrintSettings(this.dir, { defaultPrinter: printer });
  }

  /** Queues a made file on a printer (default: the station's); the spooler's job id when it gives one. */
  async send(
    file: MadeFile,
    printer: string | null,
    copies: number,
  ): Promise<{ printer: string; jobId: string | null }> {
    if (file.printsLeft === 0)
      throw new SpoolerError(file.noPrintReason ?? 'This document cannot be printed again.');
    const chosen = printer ?? readPrintSettings(this.dir).defaultPrinter;
    if (chosen === null) throw new SpoolerError('Choose a printer: this station has no default printer yet.');
    const known = await this.spooler.printers();
    if (!known.some((p) => p.name === chosen)) {
      throw new SpoolerError(
        known.length === 0
          ? `There is no printer named ${chosen}: this computer has no printers.`
          : `There is no printer named ${chosen}; this computer has ${known.map((p) => p.name).join(', ')}.`,
      );
    }
    const { jobId } = await this.spooler.print(file.path, {
      printer: chosen,
      copies,
      title: file.title,
      media: file.media,
    });
    return { printer: chosen, jobId };
  }

  close(): Promise<void> {
    return this.room.close();
  }
}

const services = new WeakMap<StationCore, PrintService>();

/** The core's print service, made on first use (tests may hand one in first). */
export function printServiceOf(
  core: StationCore,
  make: () => PrintService = () => new PrintService(core.dir),
): PrintService {
  let service = services.get(core);
  if (!service) {
    const made = make();
    services.set(core, made);
    core.onClose(() => made.close());
    service = made;
  }
  return service;
}
