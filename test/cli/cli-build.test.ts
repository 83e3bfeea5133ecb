// The `amms` command runs built output (src-main/cli/cli-build.mjs, docs/adr/0013): help loads the
// command definitions and commander only, and a build older than its sources is rebuilt before
// anything runs, also when several commands start at once.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliResult } from '../helpers/run-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'amms-cli-build-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function run(command: string, args: string[], nodeArgs: string[] = []): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, command, ...args]);
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

describe('amms --help from the built output', () => {
  /** Runs the real bin with a module hook that reports every module it loads. */
  async function loadedBy(args: string[]): Promise<{ result: CliResult; loaded: string[] }> {
    const hooks = join(scratch, 'report-loads.mjs');
    writeFileSync(
      hooks,
      `import { writeSync } from 'node:fs';
       export async function resolve(specifier, context, next) {
         const result = await next(specifier, context);
         writeSync(2, 'LOADED ' + result.url + '\\n');
         return result;
       }`,
    );
    const register = join(scratch, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`,
    );
    const result = await run(CLI, args, ['--import', pathToFileURL(register).href]);
    const loaded = [...result.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1] ?? '');
    return { result, loaded };
  }

  it('loads commander and the built entry, and no command implementation or heavy package', async () => {
    // A first run brings the build up to date, should a source have changed since the last one.
    expect((await run(CLI, ['--help'])).code).toBe(0);
    for (const args of [['--help'], ['station', '--help'], ['db', 'seed', '--help'], ['scanner', '--help']]) {
      const { result, loaded } = await loadedBy(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: amms');
      const project = loaded.filter((url) => url.startsWith(pathToFileURL(ROOT).href));
      const names = project.map((url) => url.slice(pathToFileURL(ROOT).href.length + 1));
      // The bin, its build check, the entry of the current build and commander: nothing else of
      // the project, no TypeScript source, no chunk of a command's implementation.
      expect(names.filter((n) => !n.startsWith('node_modules/')).sort()).toEqual([
        expect.stringMatching(/^out\/cli\/main-[A-Z0-9]+\.js$/) as unknown as string,
        'src-main/cli/bin.mjs',
        'src-main/cli/cli-build.mjs',
      ]);
      const packages = new Set(
        names.filter((n) => n.startsWith('node_modules/')).map((n) => n.split('/')[1] ?? ''),
      );
      expect([...packages]).toEqual(['commander']);
    }
  });
});

describe('a build older than its sources', () => {
  let root: string;

  /** A project of three files with the real bin and build script: main prints a greeting. */
  beforeAll(() => {
    root = join(scratch, 'project');
    mkdirSync(join(root, 'src-main/cli'), { recursive: true });
    for (const file of [
      'src-main/cli/bin.mjs',
      'src-main/cli/cli-build.mjs',
      'tsconfig.node.json',
      'tsconfig.base.json',
    ]) {
      copyFileSync(join(ROOT, file), join(root, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
    writeFileSync(
      join(root, 'src-main/cli/main.ts'),
      `import { greeting } from './greeting.ts';
       console.log(greeting, import.meta.dirname);
       await import('./later.ts');`,
    );
    writeFileSync(join(root, 'src-main/cli/later.ts'), `console.log('later', import.meta.url);\n`);
    writeFileSync(join(root, 'src-main/cli/greeting.ts'), `export const greeting: string = 'v1';\n`);
  });

  const bin = (): string => join(root, 'src-main/cli/bin.mjs');
  const stamp = (): string => join(root, 'out/cli/stamp.json');

  it('is built on first use, then runs as it is until a source changes', async () => {
    const first = await run(bin(), []);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // import.meta keeps meaning the source file, not the bundle in out/cli.
    expect(first.stdout).toBe(
      `v1 ${join(root, 'src-main/cli')}\nlater ${pathToFileURL(join(root, 'src-main/cli/later.ts')).href}\n`,
    );
    const built = readFileSync(stamp(), 'utf8');
    const builtAt = statSync(stamp()).mtimeMs;

    const again = await run(bin(), []);
    expect(again.stdout).toContain('v1');
    expect(statSync(stamp()).mtimeMs).toBe(builtAt);
    expect(readFileSync(stamp(), 'utf8')).toBe(built);

    writeFileSync(join(root, 'src-main/cli/greeting.ts'), `export const greeting: string = 'v2';\n`);
    const edited = await run(bin(), []);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/^v2 /);
  });

  it('is rebuilt safely when several commands start at once, each running the new code', async () => {
    writeFileSync(join(root, 'src-main/cli/greeting.ts'), `export const greeting: string = 'v3, at once';\n`);
    const results = await Promise.all([1, 2, 3, 4].map(() => run(bin(), [])));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^v3, at once /);
    }
  });

  it('never runs the old build when the sources do not build: it says why and exits 1', async () => {
    writeFileSync(join(root, 'src-main/cli/greeting.ts'), `export const greeting: string = 'v4' +;\n`);
    const broken = await run(bin(), []);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('greeting.ts');
    expect(broken.stderr).toContain('amms: the command could not be built from its sources');
  });
});
