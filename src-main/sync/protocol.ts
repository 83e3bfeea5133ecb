// The sync protocol version this station speaks and the server schema it needs. Checked on every
// exchange: a station or server that is too old gets a clear message and the queue is kept.
export const PROTOCOL_VERSION = 1;
/**
 * The lowest server schema (migration number) that has everything this station uses: 13, the
 * logistics tables the station mirrors (shipment part lines, seals, receipts, discrepancies) and
 * whose operations it pushes; 12 before it fixed the stock and wallet rows the pull relies on
 * (sync-scope.ts, fixedAnchors).
 */
export const REQUIRED_SCHEMA_VERSION = 13;

export interface ServerInfo {
  protocol: number;
  min_station_protocol: number;
  schema_version: number;
  server_time: string;
}

export class IncompatibleServerError extends Error {
  override name = 'IncompatibleServerError';
  constructor(
    message: string,
    readonly side: 'station_too_old' | 'server_too_old',
  ) {
    super(message);
  }
}

export function checkCompatibility(info: ServerInfo): void {
  if (info.min_station_protocol > PROTOCOL_VERSION) {
    throw new IncompatibleServerError(
      `This station is too old for the server (station protocol ${PROTOCOL_VERSION}, server needs ${info.min_station_protocol}). Update the station; its pending work is kept.`,
      'station_too_old',
    );
  }
  if (info.schema_version < REQUIRED_SCHEMA_VERSION || info.protocol < PROTOCOL_VERSION) {
    throw new IncompatibleServerError(
      `The server is too old for this station (server schema ${info.schema_version}, station needs ${REQUIRED_SCHEMA_VERSION}). Run 'amms db migrate' on the server; the station keeps its pending work.`,
      'server_too_old',
    );
  }
}
