// The periodic PM run of a long-running process (`amms server start`): once at start, then every
// interval, for date-based cycles (meter-based ones also run when meters change, in the same
// transaction). A run never overlaps the previous one; a failed run is logged and retried at the
// next tick.
import { describePmRun, runPmEngineAt } from './pm-run.ts';

export interface PmTimer {
  stop(): Promise<void>;
}

export function startPmTimer(
  url: string,
  options: { everyMs: number; log: (line: string) => void },
): PmTimer {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const result = await runPmEngineAt(url);
        if (result.generated.length > 0) for (const line of describePmRun(result)) options.log(line);
      } catch (error) {
        options.log(
          `PM run failed (retried in ${Math.round(options.everyMs / 60_000)} min): ${String(error)}`,
        );
      }
    });
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
