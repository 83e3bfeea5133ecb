// What the PostgreSQL server (and the pooler) cost the machine, read from /proc: CPU time of the
// postmaster and all its backends (live ones, and those that ended, through the postmaster's
// cutime/cstime), and memory as the sum of PSS (shared memory counted once, split between the
// processes that touch it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) in parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(fields[i] ?? 0);
  return { ppid: n(1), utime: n(11), stime: n(12), cutime: n(13), cstime: n(14) };
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === parent) pids.push(Number(entry));
  }
  return pids;
}

export function postmasterPid(pgDataDir: string): number {
  const pid = Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`No postmaster.pid in ${pgDataDir}.`);
  return pid;
}

/** CPU milliseconds used so far by a process tree: itself, its live children and reaped ones. */
export function treeCpuMs(root: number): number {
  const self = readStat(root);
  if (!self) return 0;
  let ticks = self.utime + self.stime + self.cutime + self.cstime;
  for (const child of childrenOf(root)) {
    const stat = readStat(child);
    if (stat) ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

function pssKb(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Memory of a process tree in MB (sum of PSS). */
export function treeMemoryMb(root: number): number {
  let kb = pssKb(root);
  for (const child of childrenOf(root)) kb += pssKb(child);
  return kb / 1024;
}
