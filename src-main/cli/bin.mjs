#!/usr/bin/env node
// The `amms` command. Runs the build in out/cli/ (src-main/cli/cli-build.mjs). When there is no
// build yet, or a source it was built from has changed since, it rebuilds first (about half a
// second), so the command never runs stale code: `npx amms ...` works straight after
// `npm install` and after any edit. docs/adr/0013-cli-runs-built-output.md
import { pathToFileURL } from 'node:url';
import { buildCli, checkBuild, outDir } from './cli-build.mjs';

// Stack traces point into the TypeScript sources when debugging (it costs time, so only then).
if (process.env.AMMS_DEBUG) process.setSourceMapsEnabled(true);

const build = checkBuild();
let entry;
if ('entry' in build) {
  entry = build.entry;
} else {
  if (process.env.AMMS_DEBUG) process.stderr.write(`amms: building the command (${build.stale})\n`);
  try {
    entry = await buildCli();
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `cannot write ${outDir()} (${code}); run 'npm run build:cli' as the owner of this folder.`
        : `the command could not be built from its sources: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`amms: ${why}\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(entry).href);
