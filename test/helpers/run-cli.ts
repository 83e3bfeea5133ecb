// Runs the real `amms` command as users run it: src-main/cli/bin.mjs, which runs the build in
// out/cli/ (npm test builds it first; a stale or missing build is rebuilt by the bin itself).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src-main/cli/bin.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolveRun({ code, stdout, stderr });
    });
  });
}

export interface RunningServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `amms server start` and resolves once it prints AMMS_DATABASE_URL=... */
export function startCliServer(args: string[], timeoutMs = 60_000): Promise<RunningServer> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [CLI, 'server', 'start', ...args]);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolveExit) => {
      child.on('exit', (code) => {
        resolveExit(code);
      });
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^AMMS_DATABASE_URL=(\S+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        const url = match[1];
        resolveStart({
          child,
          url,
          stderr: () => stderr,
          stop: async (signal = 'SIGINT') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early with ${String(code)}: ${stderr}`));
    });
  });
}
