// Lint also enforces the process boundaries of ARCHITECTURE.md: core, shared, web and cli never
// import `electron`; shared and the renderer never import Node; the renderer reaches core only
// through the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'kysely', 'ws', 'undici', 'exceljs', 'yauzl', 'electron-updater'];

/** Both `../core` and `../core/x` forms of an import of a folder. */
const dirs = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);

const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'This code runs in the browser: no Node modules.',
}));
const noNodePackages = nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package: not here.' }));

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'test-artifacts/**', 'bench/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/web/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: dirs('main', 'renderer', 'preload'),
              message: 'Core never reaches into a shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: dirs('main', 'renderer', 'preload', 'web', 'cli'),
              message: 'Core never reaches into a shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, ...noNodePackages],
          patterns: [
            {
              group: dirs('core', 'main', 'renderer', 'web', 'cli'),
              message: 'shared depends on nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, ...noNodePackages],
          patterns: [
            {
              group: dirs('core', 'main', 'web', 'cli', 'preload'),
              message: 'The renderer talks to core only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, ...noNodePackages],
          patterns: [
            {
              group: dirs('core', 'renderer', 'web', 'cli'),
              message: 'The preload only bridges.',
            },
          ],
        },
      ],
    },
  },
);
