// Entry of the Electron utility process that runs the station core, so a long SQLite write or a
// sync page never freezes a window. Plain Node: it talks to the main process through
// process.parentPort, with the same dispatch as the web host.
import type { EventName } from '../../src-preload/contract/api.ts';
import { dispatch } from '../core/dispatch.ts';
import { StationCore, type Session } from '../core/station-core.ts';
import { STATION_HANDLERS } from './handlers.ts';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export type CoreRequest =
  | { kind: 'invoke'; id: number; windowId: number; method: string; params: unknown }
  | { kind: 'close-window'; windowId: number };

export type CoreMessage =
  | { kind: 'response'; id: number; response: unknown }
  | { kind: 'event'; event: EventName; data: unknown }
  | { kind: 'fatal'; message: string };

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core-process must run as an Electron utility process.');
const port = parentPort;

const dir = process.env.AMMS_STATION_DIR;
if (!dir) {
  port.postMessage({
    kind: 'fatal',
    message: 'AMMS_STATION_DIR is not set: no station folder to open.',
  } satisfies CoreMessage);
  process.exit(1);
}

let core: StationCore;
try {
  core = new StationCore({ dir, transport: 'electron', appVersion: process.env.AMMS_APP_VERSION ?? '0.1.0' });
} catch (error) {
  port.postMessage({
    kind: 'fatal',
    message: error instanceof Error ? error.message : String(error),
  } satisfies CoreMessage);
  process.exit(1);
}

const sessions = new Map<number, Session>();
core.on('sync.status', (data) => {
  port.postMessage({ kind: 'event', event: 'sync.status', data } satisfies CoreMessage);
});
core.on('data.changed', (data) => {
  port.postMessage({ kind: 'event', event: 'data.changed', data } satisfies CoreMessage);
});
core.on('scanner.scan', (data) => {
  port.postMessage({ kind: 'event', event: 'scanner.scan', data } satisfies CoreMessage);
});
core.on('scanner.status', (data) => {
  port.postMessage({ kind: 'event', event: 'scanner.status', data } satisfies CoreMessage);
});

port.on('message', ({ data }) => {
  const request = data as CoreRequest;
  if (request.kind === 'close-window') {
    sessions.delete(request.windowId);
    return;
  }
  let session = sessions.get(request.windowId);
  if (!session) {
    session = { user: null };
    sessions.set(request.windowId, session);
  }
  void dispatch(STATION_HANDLERS, core, session, request.method, request.params).then((response) => {
    port.postMessage({ kind: 'response', id: request.id, response } satisfies CoreMessage);
  });
});
