// Chooses the transport once, at start-up: the Electron bridge when the preload exposed one,
// otherwise the web host's WebSocket.
import { createElectronTransport, type AmmsBridge } from './electron-transport.ts';
import type { Transport } from './transport.ts';
import { createWsTransport } from './ws-transport.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    amms?: AmmsBridge;
  }
}

export function pickTransport(win: Window): Transport {
  return win.amms ? createElectronTransport(win.amms) : createWsTransport(win);
}
