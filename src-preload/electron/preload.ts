// The preload is a thin allowlist: it exposes window.amms with named calls only, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { StationInfo } from '../contract/station-info.ts';

const api = {
  stationInfo: (): Promise<StationInfo> => ipcRenderer.invoke('amms:station-info') as Promise<StationInfo>,
};

export type AmmsBridge = typeof api;

contextBridge.exposeInMainWorld('amms', api);
