// Opens the station: the core with the station's handler map (the shell's calls and every
// domain's). Everything that runs a station (the Electron utility process, the web host, the CLI,
// tests) opens it here.
import { StationCore, type StationCoreOptions } from '../core/station-core.ts';
import { submitOperation } from '../ops/submit.ts';
import { STATION_HANDLERS } from './handlers.ts';
import { STATION_OPERATIONS } from './operations.ts';

export function openStation(options: Omit<StationCoreOptions, 'handlers' | 'queueOperation'>): StationCore {
  return new StationCore({
    ...options,
    handlers: STATION_HANDLERS,
    queueOperation: (core, input) => submitOperation(STATION_OPERATIONS, core.cache, core.scope, input),
  });
}
