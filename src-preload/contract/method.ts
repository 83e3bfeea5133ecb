// How the station API declares a call: its parameter and result schemas and the cache tables it
// reads. `reads` is the one place that says when a read is stale: the core's data.changed event
// names the tables a change touched, and the renderer refreshes every read that declares one.
import type { z } from 'zod';
import type { CacheTable } from './tables.ts';

export interface MethodSpec {
  params: z.ZodType;
  result: z.ZodType;
  /** The cache tables the call reads (none: it reads no cache table, e.g. a login). */
  reads?: readonly CacheTable[];
  /** A readable sentence for a refused parameter, where the call has its own words for them. */
  describeIssue?: (path: readonly PropertyKey[], message: string, input: unknown) => string;
}

/** What every read that shows pending or rejected operations on top of the mirror depends on. */
export const OVERLAY: readonly CacheTable[] = ['outbox', 'pending_effects'];
