// How the fleet's stations reach PostgreSQL. 'direct': each station logs in to PostgreSQL with its
// own role and keeps a connection for LISTEN (the design before issue 15).
export type RouteName = 'direct' | 'pooled';

export interface FleetRoute {
  /** Adjusts an enrolled station's folder to this route (station.json). */
  prepare(dir: string): Promise<void>;
  /** Processes whose CPU counts as the route's (the pooler, the wake relay). */
  pids(): number[];
  close(): Promise<void>;
}

export function directRoute(): FleetRoute {
  return {
    prepare: () => Promise.resolve(),
    pids: () => [],
    close: () => Promise.resolve(),
  };
}

export function pooledRoute(_url: string, _root: string): Promise<FleetRoute> {
  return Promise.reject(new Error('The pooled route is not built yet.'));
}
