// Secure window defaults in one place: context isolation, sandbox, no Node in the renderer, no
// navigation away from the app, no new windows, no permissions.
import { app, session, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { isTrustedAppUrl } from './trusted-url.ts';

export function secureWebPreferences(
  preloadPath: string | undefined,
): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    ...(preloadPath === undefined ? {} : { preload: preloadPath }),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function hardenApp(appUrl: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
      callback(false);
    });
  });
}
