// ESLint flat config: strict type-aware rules, and the layer boundaries of CONVENTIONS.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

// The rooms of src-main, lowest first (docs/adr/0012-domain-folders-and-layers.md). A room imports
// only rooms of lower levels: never one of its own level (domains do not import each other) and
// never one above it.
const SRC_MAIN_LEVELS = [
  ['cache', 'scanner'],
  ['sync', 'resolve'],
  ['core'],
  ['ops', 'print'],
  // Issued documents (copy numbers, reprints, the document.issue operation): shared by the domains.
  ['documents'],
  ['stock', 'maintenance', 'logistics'],
  ['station'],
  ['web', 'electron'],
  ['cli'],
];

const layerZones = SRC_MAIN_LEVELS.flatMap((rooms, level) =>
  rooms.map((room) => ({
    target: `./src-main/${room}`,
    from: [...rooms.filter((other) => other !== room), ...SRC_MAIN_LEVELS.slice(level + 1).flat()].map(
      (other) => `./src-main/${other}`,
    ),
    message: `src-main/${room} may import only rooms below it (${SRC_MAIN_LEVELS.slice(0, level).flat().join(', ') || 'none'}): domains do not import each other and shared rooms import no domain.`,
  })),
).filter((zone) => zone.from.length > 0);

/** The worlds that never import each other's code. */
const baseZones = [
  {
    target: './src-renderer',
    from: ['./src-main', './db'],
    message: 'The renderer talks to the core only through the station API contract (src-preload).',
  },
  {
    target: './src-preload',
    from: ['./src-main', './src-renderer', './db'],
    message: 'The contract stands alone: it is shared by the core, the preload and the renderer.',
  },
  {
    target: './db',
    from: ['./src-main', './src-renderer', './src-preload'],
    message: 'The database package does not depend on the station or its UI.',
  },
];

/** Packages only one room may load: the driver stays behind its room's interface. */
const packageZones = [
  {
    target: './src-main',
    from: './node_modules/pg',
    message: 'Only src-main/sync and src-main/cli talk to PostgreSQL (pg).',
    allowIn: ['sync', 'cli'],
  },
  {
    target: './src-main',
    from: './node_modules/better-sqlite3',
    message: 'Only src-main/cache opens SQLite (better-sqlite3); other rooms use its CacheDb type.',
    allowIn: ['cache'],
  },
].flatMap(({ from, message, allowIn }) =>
  SRC_MAIN_LEVELS.flat()
    .filter((room) => !allowIn.includes(room))
    .map((room) => ({ target: `./src-main/${room}`, from, message })),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'test-results/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'src-main/cli/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    // The import rules read TypeScript sources (no-cycle follows the imports it finds into them).
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // No import circles: files that import each other in a loop cannot be read or moved apart.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Layer boundaries (CONVENTIONS.md #2).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [...baseZones, ...layerZones, ...packageZones],
        },
      ],
    },
  },
  {
    // Tests beside the code may open the whole station (its composed handlers and operations).
    files: ['src-main/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: baseZones }] },
  },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'db/**/*.ts', 'test/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-preload/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/electron/** may import electron.' }],
        },
      ],
    },
  },
  {
    // Hardware stays behind the scanner source interface (CONVENTIONS.md #6): only the HID device
    // source loads node-hid. (Kept in its own block because ESLint does not merge two
    // no-restricted-imports settings.)
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'db/**/*.ts'],
    ignores: ['src-main/scanner/hid-device-source.ts', 'src-main/electron/**', 'src-preload/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src-main/electron/** may import electron.' },
            { name: 'node-hid', message: 'Only src-main/scanner/hid-device-source.ts may import node-hid.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
