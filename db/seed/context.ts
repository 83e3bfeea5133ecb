// What every generator of one tenant needs: the seed, its random streams and ids, the plan, the
// volumes and the day the demo data is anchored to.
import { IdMint, rngFor, type Rng } from './prng.ts';
import type { TenantPlan, Volumes } from './tenants-plan.ts';

const DAY_MS = 86_400_000;

export class TenantCtx {
  readonly tenantId: string;

  constructor(
    readonly seed: number,
    private readonly mint: IdMint,
    readonly plan: TenantPlan,
    readonly vol: Volumes,
    /** UTC midnight of the anchor day (ms). Dates in the data are relative to it. */
    readonly today: number,
  ) {
    this.tenantId = this.id('tenant', 0);
  }

  get slug(): string {
    return this.plan.slug;
  }

  /** Random stream `label` of this tenant (item `index` of it, for random access). */
  rng(label: string, index = 0): Rng {
    return rngFor(this.seed, `${this.plan.slug}:${label}`, index);
  }

  /** The id of item `index` of kind `label` in this tenant. */
  id(label: string, index: number): string {
    return this.mint.id(`${this.plan.slug}:${label}`, index);
  }

  /** An ISO timestamp `daysAgo` days before the anchor day, at the given UTC hour (fractional). */
  at(daysAgo: number, hour = 9): string {
    return new Date(this.today - daysAgo * DAY_MS + Math.round(hour * 3_600_000)).toISOString();
  }

  /** The date (YYYY-MM-DD) `daysAgo` days before the anchor day (negative: in the future). */
  date(daysAgo: number): string {
    return new Date(this.today - daysAgo * DAY_MS).toISOString().slice(0, 10);
  }
}

/** UTC midnight of a YYYY-MM-DD day, or of today. */
export function anchorDay(day?: string): number {
  if (day === undefined) {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`'${day}' is not a date (expected YYYY-MM-DD).`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new Error(`'${day}' is not a valid date.`);
  return ms;
}

/** Formats a number with a fixed number of decimals (for numeric columns). */
export function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}
