// Which station this is: its tenant and its site decide what it syncs and what it may change.
export interface StationScope {
  stationId: string;
  tenantId: string;
  siteId: string;
}
