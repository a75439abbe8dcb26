import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Architecture: which part of the code may import which. The edges are ALLOWED edges; anything
 * not allowed below is an error, so a new folder, package or Node module reaches a part of the
 * code only when a line here says so. tests/lint/boundaries.test.ts proves that each rule fires.
 */

/**
 * The parts of the code base, by folder. A file belongs to the first descriptor that matches it
 * (elements-single-match), so the folders inside renderer/ come before renderer/ itself.
 */
const elements = [
  // Harnesses that only tests use (in Node). Source may not import them: no policy allows it.
  {
    type: 'test-harness',
    partialMatch: false,
    pattern: ['tests', 'renderer/testing', 'server/testing'],
  },
  { type: 'build', partialMatch: false, pattern: 'build' },
  // The React parts and styles both web apps share (the desk and the dashboard), never the server.
  { type: 'shared-ui', partialMatch: false, pattern: 'shared/ui' },
  { type: 'shared', partialMatch: false, pattern: 'shared' },
  { type: 'desk-ui', partialMatch: false, pattern: 'renderer/ui' },
  { type: 'desk-data', partialMatch: false, pattern: 'renderer/data' },
  { type: 'desk-sync', partialMatch: false, pattern: 'renderer/sync' },
  { type: 'desk-platform', partialMatch: false, pattern: 'renderer/platform' },
  { type: 'desk-i18n', partialMatch: false, pattern: 'renderer/i18n' },
  // What is left in renderer/: main.tsx, the composition root that wires the layers together.
  { type: 'desk-root', partialMatch: false, pattern: 'renderer' },
  { type: 'dashboard', partialMatch: false, pattern: 'dashboard' },
  { type: 'server', partialMatch: false, pattern: 'server' },
  { type: 'electron', partialMatch: false, pattern: 'electron' },
];

/** Files that are not part of the product, wherever they sit. */
const files = [
  {
    category: 'test',
    pattern: [
      '**/*.test.{ts,tsx}',
      'tests/**',
      'renderer/testing/**',
      'server/testing/**',
      'server/district/testing.ts',
    ],
  },
  { category: 'config', pattern: ['*.config.{js,ts}', '*/vite.config.ts'] },
];

const local = (...types) => ({ to: { element: { type: types } } });
const typesOnly = (...types) => ({ ...local(...types), dependency: { kind: 'type' } });
const packages = (...names) => ({ to: { module: { origin: 'external', source: names } } });
const anyPackage = { to: { module: { origin: 'external' } } };
const nodeBuiltins = { to: { module: { origin: 'core' } } };

const policies = [
  {
    // The desk's screens read and write through renderer/data; they never touch RxDB itself.
    from: { element: { type: 'desk-ui' } },
    allow: [
      local('desk-data', 'desk-sync', 'desk-platform', 'desk-i18n', 'shared', 'shared-ui'),
      packages(
        'react',
        'react-dom',
        'react-i18next',
        'i18next',
        'react-hook-form',
        'rxjs',
        'date-fns',
        'bwip-js',
      ),
    ],
  },
  {
    // The desk's store. It is handed the shell (Platform) by the composition root, so it knows
    // only the shell's type. exceljs and papaparse are loaded on demand for spreadsheets.
    from: { element: { type: 'desk-data' } },
    allow: [
      local('shared'),
      typesOnly('desk-platform'),
      packages('rxdb', 'rxjs', 'date-fns', 'i18next', 'exceljs', 'papaparse'),
    ],
  },
  {
    from: { element: { type: 'desk-sync' } },
    allow: [local('desk-data', 'shared'), typesOnly('desk-platform'), packages('rxdb', 'rxjs')],
  },
  { from: { element: { type: 'desk-platform' } }, allow: [local('shared')] },
  {
    from: { element: { type: 'desk-i18n' } },
    allow: [local('shared', 'shared-ui'), packages('i18next', 'react-i18next')],
  },
  {
    from: { element: { type: 'desk-root' } },
    allow: [
      local(
        'desk-ui',
        'desk-data',
        'desk-sync',
        'desk-platform',
        'desk-i18n',
        'shared',
        'shared-ui',
      ),
      packages('react', 'react-dom'),
    ],
  },
  {
    // shared/ runs on the desk, in Electron and on the server alike: small pure libraries, and
    // RxDB's schema types (erased at build time). No Node modules, nothing outside shared/.
    from: { element: { type: 'shared' } },
    allow: [
      packages('date-fns', 'pinyin-pro', 'uuidv7'),
      { ...packages('rxdb'), dependency: { kind: 'type' } },
    ],
  },
  {
    // shared/ui: React parts and the i18n set-up both web apps use; pure shared/ code below it.
    from: { element: { type: 'shared-ui' } },
    allow: [local('shared'), packages('react', 'i18next', 'react-i18next')],
  },
  {
    // The dashboard runs in the browser: shared/, and the server's API types.
    from: { element: { type: 'dashboard' } },
    allow: [
      local('shared', 'shared-ui'),
      typesOnly('server'),
      packages('react', 'react-dom', 'react-i18next', 'i18next', 'react-hook-form'),
    ],
  },
  {
    from: { element: { type: 'server' } },
    allow: [
      local('shared'),
      nodeBuiltins,
      packages(
        'fastify',
        '@fastify/compress',
        '@fastify/static',
        'pg',
        '@electric-sql/pglite',
        '@electric-sql/pglite-socket',
        'ajv',
        'exceljs',
        'date-fns',
      ),
    ],
  },
  {
    from: { element: { type: 'electron' } },
    allow: [local('shared'), nodeBuiltins, packages('electron', 'electron-updater')],
  },
  {
    // Build scripts and tool configs run in Node and bundle the rest.
    from: [{ element: { type: 'build' } }, { file: { categories: 'config' } }],
    allow: [nodeBuiltins, anyPackage],
  },
  {
    // Tests may reach anything (the source they test still may not reach them).
    from: [{ element: { type: 'test-harness' } }, { file: { categories: 'test' } }],
    allow: [local('*'), nodeBuiltins, anyPackage],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'bench-results/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'dashboard/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // shared/ is pure: it runs on the desk, in Electron and on the server alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process'],
    },
  },
  {
    // The screens reach the store only through renderer/data's functions: not through desk.db.
    files: ['renderer/ui/**/*.{ts,tsx}'],
    ignores: ['renderer/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.type='Identifier'][property.name='db']",
          message:
            'A screen does not query the RxDB store (desk.db): call or add a function in renderer/data.',
        },
      ],
    },
  },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/elements-single-match': true,
      'boundaries/files': files,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'] } },
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Packages and Node modules are checked too, and so are local files outside any part.
          checkAllOrigins: true,
          checkUnknownLocals: true,
          policies,
          message:
            '{{from.element.type}} may not import "{{dependency.source}}": the allowed edges are the policies in eslint.config.js. Screens use renderer/data, the renderer reaches the machine through renderer/platform, shared/ stays pure.',
        },
      ],
    },
  },
  {
    // No import cycles in the source. Tests are left out: nothing imports a test, so a test
    // cannot close a cycle. Type-only imports are erased at build time and not followed.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.test.{ts,tsx}', 'tests/**'],
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle follows an import only into files it can parse: TypeScript too.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
