// ESLint flat config: strict type-aware rules, and the layer boundaries of CONVENTIONS.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

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
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Layer boundaries (CONVENTIONS.md #2).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
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
          ],
        },
      ],
    },
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
