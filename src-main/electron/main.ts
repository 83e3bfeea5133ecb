// Electron main process: one secure window over the React renderer, and the station core in a
// utility process. The main process only relays the typed station API between the two and checks
// that requests come from the app's own frame.
//
// With AMMS_CORE_URL (what `npm start` sets) the core already runs in the launching Node process
// behind the web host, with the native modules built for Node: the window then loads that URL,
// without a preload, and the renderer talks to the core over the WebSocket (docs/adr/0008).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, utilityProcess, type UtilityProcess } from 'electron';
import type { CoreMessage, CoreRequest } from '../station/core-process.ts';
import { hardenApp, secureWebPreferences } from './security.ts';
import { unsealSigningKey } from './signing-key-seal.ts';
import { isTrustedAppUrl } from './trusted-url.ts';

const coreUrl = process.env.AMMS_CORE_URL;
const rendererUrl =
  coreUrl ??
  process.env.ELECTRON_RENDERER_URL ??
  pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString();
const stationDir = process.env.AMMS_STATION_DIR ?? join(app.getPath('userData'), 'station');

hardenApp(rendererUrl);

let core: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (response: unknown) => void>();

function startCore(): UtilityProcess {
  const child = utilityProcess.fork(join(import.meta.dirname, 'core-process.js'), [], {
    env: { ...process.env, AMMS_STATION_DIR: stationDir, AMMS_APP_VERSION: app.getVersion() },
    serviceName: 'AMMS station core',
  });
  child.on('message', (message: CoreMessage) => {
    if (message.kind === 'response') {
      pending.get(message.id)?.(message.response);
      pending.delete(message.id);
    } else if (message.kind === 'event') {
      for (const window of BrowserWindow.getAllWindows())
        window.webContents.send('amms:event', message.event, message.data);
    } else {
      console.error(`Station core: ${message.message}`);
    }
  });
  // The signing key, unsealed from the OS keystore and handed to the core (a print that needs it
  // before then is refused with the reason, and can be asked again).
  unsealSigningKey(stationDir).then(
    (pkcs8) => {
      if (pkcs8)
        child.postMessage({ kind: 'signing-key', pkcs8: pkcs8.toString('base64') } satisfies CoreRequest);
    },
    (error: unknown) => {
      console.error(`Station signing key: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  child.on('exit', (code) => {
    for (const resolveCall of pending.values()) {
      resolveCall({
        ok: false,
        error: { code: 'core_stopped', message: 'The station core stopped. Restart the app.' },
      });
    }
    pending.clear();
    if (code !== 0) console.error(`Station core exited with code ${code}.`);
  });
  return child;
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'AMMS Station',
    show: false,
    webPreferences: secureWebPreferences(
      coreUrl ? undefined : join(import.meta.dirname, '../preload/preload.cjs'),
    ),
  });
  const windowId = window.webContents.id;
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('closed', () => {
    core?.postMessage({ kind: 'close-window', windowId } satisfies CoreRequest);
  });
  void window.loadURL(rendererUrl);
}

void app.whenReady().then(() => {
  if (!coreUrl) core = startCore();
  ipcMain.handle('amms:invoke', (event, method: unknown, params: unknown) => {
    if (!event.senderFrame || !isTrustedAppUrl(event.senderFrame.url, rendererUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame.' } };
    }
    if (typeof method !== 'string' || !core) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: 'The station does not offer that call.' },
      };
    }
    const id = nextId++;
    const request: CoreRequest = { kind: 'invoke', id, windowId: event.sender.id, method, params };
    return new Promise((resolveCall) => {
      pending.set(id, resolveCall);
      core?.postMessage(request);
    });
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  core?.kill();
  if (process.platform !== 'darwin') app.quit();
});
