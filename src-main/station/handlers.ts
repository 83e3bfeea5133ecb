// The station's handler map: the shell's calls and each domain's, joined. `Handlers` makes the
// compiler refuse a call of the contract without its handler.
import type { Handlers } from '../core/handler-types.ts';
import { logisticsHandlers } from '../logistics/handlers.ts';
import { maintenanceHandlers } from '../maintenance/handlers.ts';
import { stockHandlers } from '../stock/handlers.ts';
import { scannerHandlers } from './scanner-handlers.ts';
import { shellHandlers } from './shell-handlers.ts';

export const STATION_HANDLERS: Handlers = {
  ...shellHandlers,
  ...scannerHandlers,
  ...stockHandlers,
  ...logisticsHandlers,
  ...maintenanceHandlers,
};
