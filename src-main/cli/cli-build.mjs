// Builds the `amms` command into out/cli/ and tells whether that build is still current.
//
// The bundle: src-main/cli/main.ts and the project code it imports, bundled by esbuild into ES
// modules; every npm package stays external (native modules, embedded PostgreSQL and its binaries,
// pg, commander ... load from node_modules as before). Each command loads its implementation with
// a dynamic import inside its action, so esbuild splits it into chunks and `amms --help` loads only
// the entry chunk and commander.
//
// Inside the bundle, import.meta.url, import.meta.dirname and import.meta.filename keep meaning
// the source file they were written in (db/migrate.ts finds db/migrations, the web host finds
// out/renderer, `station app` finds the package root for Electron), as they do when the sources run
// through tsx in the tests and benches.
//
// The stamp (out/cli/stamp.json) names the entry file and records the modification time and size
// of every input of the build, read before the input itself: a source edited during or after the
// build makes the stamp stale. Output files are named by their content hash and written atomically
// (temporary file, then rename), the stamp last: processes that rebuild at the same time write the
// same files, and a reader of the stamp always finds a complete build.
// docs/adr/0013-cli-runs-built-output.md
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The package root (this file is <root>/src-main/cli/cli-build.mjs). */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = 'src-main/cli/main.ts';
const OUT = 'out/cli';
const STAMP = 'stamp.json';
const FORMAT = 1;
/** What the build depends on besides the bundled sources. */
const BUILD_FILES = ['src-main/cli/cli-build.mjs', 'tsconfig.node.json', 'tsconfig.base.json'];

/**
 * @typedef {{ format: number, entry: string, files: string[], inputs: Record<string, [number, number]> }} Stamp
 */

/** @param {string} root @returns {string} */
export function outDir(root = PACKAGE_ROOT) {
  return join(root, OUT);
}

/** @param {string} root @returns {Stamp | null} */
function readStamp(root) {
  try {
    const stamp = /** @type {Stamp} */ (JSON.parse(readFileSync(join(outDir(root), STAMP), 'utf8')));
    return stamp.format === FORMAT ? stamp : null;
  } catch {
    return null;
  }
}

/** @param {string} path @returns {[number, number] | null} */
function fingerprint(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? [stat.mtimeMs, stat.size] : null;
}

/**
 * Why the build cannot be used (no build, an input changed or is gone), or null when it is current.
 * @param {Stamp | null} stamp
 * @param {string} root
 * @returns {string | null}
 */
function staleness(stamp, root) {
  if (!stamp) return 'no build yet';
  for (const [file, recorded] of Object.entries(stamp.inputs)) {
    const now = fingerprint(join(root, file));
    if (!now) return `${file} is gone`;
    if (now[0] !== recorded[0] || now[1] !== recorded[1]) return `${file} changed`;
  }
  if (!fingerprint(join(outDir(root), stamp.entry))) return `${stamp.entry} is missing`;
  return null;
}

/**
 * The built entry file when the build is current, else why it is not.
 * @param {string} root
 * @returns {{ entry: string } | { stale: string }}
 */
export function checkBuild(root = PACKAGE_ROOT) {
  const stamp = readStamp(root);
  const stale = staleness(stamp, root);
  return stale === null && stamp
    ? { entry: join(outDir(root), stamp.entry) }
    : { stale: stale ?? 'no build yet' };
}

/** @param {string} path @param {string | Uint8Array} contents */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** @param {string} path */
const posix = (path) => path.split(sep).join('/');

/**
 * esbuild plugin: loads each TypeScript source (its fingerprint taken before it is read), and
 * makes import.meta.url/dirname/filename of the bundled code mean that source file.
 * @param {string} root
 * @param {Map<string, [number, number]>} inputs
 * @returns {import('esbuild').Plugin}
 */
function sourcesPlugin(root, inputs) {
  const out = outDir(root);
  return {
    name: 'amms-sources',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        const before = fingerprint(args.path);
        let text = readFileSync(args.path, 'utf8');
        if (before) inputs.set(posix(relative(root, args.path)), before);
        const meta = /\bimport\.meta\.(url|dirname|filename)\b/g;
        const used = new Set([...text.matchAll(meta)].map((match) => match[1]));
        if (used.size > 0) {
          // Every output file sits directly in out/cli, so the way back to the source is fixed.
          const back = JSON.stringify(posix(relative(out, args.path)));
          const file = used.has('filename') || used.has('dirname');
          // On the first line, so that line numbers (and source maps) stay as they were.
          const prelude = [
            `const __ammsSourceUrl = new URL(${back}, import.meta.url).href;`,
            file ? `import { fileURLToPath as __ammsFileUrlToPath } from 'node:url';` : '',
            file ? `const __ammsSourceFile = __ammsFileUrlToPath(__ammsSourceUrl);` : '',
            used.has('dirname') ? `import { dirname as __ammsDirname } from 'node:path';` : '',
            used.has('dirname') ? `const __ammsSourceDir = __ammsDirname(__ammsSourceFile);` : '',
          ].join(' ');
          const names = { url: '__ammsSourceUrl', filename: '__ammsSourceFile', dirname: '__ammsSourceDir' };
          text =
            prelude +
            text.replace(meta, (_match, /** @type {'url' | 'dirname' | 'filename'} */ key) => names[key]);
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

/**
 * Builds the command into out/cli and returns the entry file. Keeps the files of the build before
 * (a process that started from it may still load its chunks) and removes older ones.
 * @param {{ root?: string, logLevel?: import('esbuild').LogLevel }} [options]
 * @returns {Promise<string>}
 */
export async function buildCli(options = {}) {
  const root = options.root ?? PACKAGE_ROOT;
  const out = outDir(root);
  const esbuild = await import('esbuild');
  /** @type {Map<string, [number, number]>} */
  const inputs = new Map();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    tsconfig: 'tsconfig.node.json',
    outdir: out,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: options.logLevel ?? 'error',
    plugins: [sourcesPlugin(root, inputs)],
  });
  for (const file of [...Object.keys(result.metafile.inputs), ...BUILD_FILES]) {
    const path = isAbsolute(file) ? file : join(root, file);
    const key = posix(relative(root, path));
    const print = inputs.get(key) ?? fingerprint(path);
    if (print) inputs.set(key, print);
  }
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRY)?.[0];
  if (!entry) throw new Error('esbuild produced no entry file');
  mkdirSync(out, { recursive: true });
  const files = [];
  for (const file of result.outputFiles) {
    if (dirname(file.path) !== out) throw new Error(`unexpected output ${file.path}`);
    // A module of that name has that content: leave it alone (a running command may be loading
    // it). Source maps are rewritten, as a comment edit moves lines without changing the module.
    if (file.path.endsWith('.map') || !fingerprint(file.path)) writeAtomically(file.path, file.contents);
    files.push(basename(file.path));
  }
  const previous = readStamp(root);
  /** @type {Stamp} */
  const stamp = { format: FORMAT, entry: basename(entry), files, inputs: Object.fromEntries(inputs) };
  writeAtomically(join(out, STAMP), `${JSON.stringify(stamp, null, 1)}\n`);
  const keep = new Set([...files, ...(previous?.files ?? []), STAMP]);
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    // Another process may be writing a temporary file right now; one from a crashed build is old.
    const leftOver = name.endsWith('.tmp') && (fingerprint(path)?.[0] ?? 0) < hourAgo;
    if (leftOver || (!keep.has(name) && !name.endsWith('.tmp'))) rmSync(path, { force: true });
  }
  return join(out, stamp.entry);
}

// `node src-main/cli/cli-build.mjs`: an explicit build (npm run build:cli, prepare).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now();
  const entry = await buildCli({ logLevel: 'warning' });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`Built the amms command into ${relative(process.cwd(), entry)} (${ms} ms).\n`);
}
