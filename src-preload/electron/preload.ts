// The preload is a thin allowlist: window.amms offers invoke (station API calls, checked against
// the contract's method names) and on (the contract's events). ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResponse, EventName } from '../contract/api.ts';
import { isEventName, isMethodName } from '../contract/names.ts';

const api = {
  invoke: (method: string, params: unknown): Promise<ApiResponse<unknown>> => {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: 'The station does not offer that call.' },
      });
    }
    return ipcRenderer.invoke('amms:invoke', method, params) as Promise<ApiResponse<unknown>>;
  },
  on: (event: EventName, listener: (data: unknown) => void): (() => void) => {
    if (!isEventName(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, name: string, data: unknown): void => {
      if (name === event) listener(data);
    };
    ipcRenderer.on('amms:event', wrapped);
    return () => {
      ipcRenderer.removeListener('amms:event', wrapped);
    };
  },
};

export type AmmsBridge = typeof api;

contextBridge.exposeInMainWorld('amms', api);
