// Electron main process: one secure window over the React renderer. The station core (sync,
// cache, scanners) runs in plain Node and is attached here through the typed station API.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import type { StationInfo } from '../../src-preload/contract/station-info.ts';
import { hardenApp, secureWebPreferences } from './security.ts';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ??
  pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString();

hardenApp(rendererUrl);

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'AMMS Station',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/preload.cjs')),
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(rendererUrl);
}

void app.whenReady().then(() => {
  ipcMain.handle('amms:station-info', (event): StationInfo => {
    if (!event.senderFrame || !event.senderFrame.url.startsWith(rendererUrl.split('#')[0] ?? '')) {
      throw new Error('Refused: request from an untrusted frame.');
    }
    return { appVersion: app.getVersion(), schemaVersion: 0, transport: 'electron' };
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
