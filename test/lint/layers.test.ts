// The layers of src-main are kept by lint (eslint.config.js, docs/adr/0012): these probes are
// linted as if they sat in the named room and must be refused, while the same imports one room
// up pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: process.cwd(),
  // Only the import rules matter here: the probes are parsed without the TypeScript project (they
  // do not exist on disk).
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
});

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('src-main layers', () => {
  it.each([
    [
      'a shared room importing a domain',
      'src-main/ops/probe.ts',
      "import '../stock/handlers.ts';",
      'src-main/ops may import only rooms below it',
    ],
    [
      'a domain importing another domain',
      'src-main/stock/probe.ts',
      "import '../maintenance/handlers.ts';",
      'src-main/stock may import only rooms below it',
    ],
    [
      'the core importing the station',
      'src-main/core/probe.ts',
      "import '../station/handlers.ts';",
      'src-main/core may import only rooms below it',
    ],
    [
      'the cache importing the sync engine',
      'src-main/cache/probe.ts',
      "import '../sync/sync-engine.ts';",
      'src-main/cache may import only rooms below it',
    ],
    [
      'a domain talking to PostgreSQL',
      'src-main/stock/probe.ts',
      "import pg from 'pg';\nvoid pg;",
      'Only src-main/sync and src-main/cli talk to PostgreSQL',
    ],
    [
      'a domain opening SQLite',
      'src-main/maintenance/probe.ts',
      "import Database from 'better-sqlite3';\nvoid Database;",
      'Only src-main/cache opens SQLite',
    ],
    [
      'the renderer importing the core',
      'src-renderer/src/probe.ts',
      "import '../../src-main/core/dispatch.ts';",
      'The renderer talks to the core only through the station API contract',
    ],
  ])(
    'refuses %s',
    async (_name, file, code, message) => {
      const messages = await restricted(file, code);
      expect(
        messages.some((m) => m.includes(message)),
        messages.join('\n'),
      ).toBe(true);
    },
    60_000,
  );

  it.each([
    [
      'a domain importing the shared rooms',
      'src-main/stock/probe.ts',
      "import '../ops/submit.ts';\nimport '../core/errors.ts';",
    ],
    [
      'the station joining the domains',
      'src-main/station/probe.ts',
      "import '../stock/handlers.ts';\nimport '../maintenance/handlers.ts';",
    ],
    ['the sync room talking to PostgreSQL', 'src-main/sync/probe.ts', "import pg from 'pg';\nvoid pg;"],
    [
      'the cache room opening SQLite',
      'src-main/cache/probe.ts',
      "import Database from 'better-sqlite3';\nvoid Database;",
    ],
  ])(
    'allows %s',
    async (_name, file, code) => {
      expect(await restricted(file, code)).toEqual([]);
    },
    60_000,
  );
});

describe('import circles', () => {
  const cycles = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-cycle',
  });

  it('are refused: two files that import each other, also through a third', async () => {
    // no-cycle follows imports on disk, so the probes are real files (removed afterwards).
    const dir = mkdtempSync(join(process.cwd(), 'test', 'lint', 'cycle-probe-'));
    try {
      writeFileSync(
        join(dir, 'a.ts'),
        "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      );
      writeFileSync(
        join(dir, 'b.ts'),
        "import { c } from './c.ts';\nexport const b = (): number => c() + 1;\n",
      );
      writeFileSync(
        join(dir, 'c.ts'),
        "import { a } from './a.ts';\nexport const c = (): number => a() + 1;\n",
      );
      writeFileSync(join(dir, 'd.ts'), "import { a } from './a.ts';\nexport const d = (): number => a();\n");
      const results = await cycles.lintFiles([join(dir, '*.ts')]);
      const flagged = results
        .filter((r) => r.messages.some((m) => m.ruleId === 'import-x/no-cycle'))
        .map((r) => basename(r.filePath))
        .sort();
      // a → b → c → a is a circle; d only imports into it.
      expect(flagged).toEqual(['a.ts', 'b.ts', 'c.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
