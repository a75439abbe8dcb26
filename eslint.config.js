import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The dashboard runs in the browser: it uses the server's types (import type) and shared/ only.
    files: ['dashboard/**/*.{ts,tsx}'],
    ignores: ['dashboard/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../server/*',
                '../../server/*',
                '../renderer/*',
                '../../renderer/*',
                'rxdb*',
              ],
              allowTypeImports: true,
              message: 'The dashboard imports shared/ and only types from server/.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ is pure: it runs on the desk, in Electron and on the server alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto'],
              message: 'shared/ may not use Node modules.',
            },
            {
              group: [
                'electron',
                'react',
                'react-dom',
                '../renderer/*',
                '../server/*',
                '../electron/*',
              ],
              message: 'shared/ imports only small pure libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process'],
    },
  },
  {
    // The renderer reaches the shell only through renderer/platform/.
    files: ['renderer/**/*.{ts,tsx}'],
    // Build config, tests and the Node test harness run in Node, not in the desk.
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.{ts,tsx}', 'renderer/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                'node:*',
                '../electron/*',
                '../../electron/*',
                '../server/*',
                '../../server/*',
              ],
              message: 'The renderer talks to the shell only through renderer/platform/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../renderer/*', '../server/*'],
              message: 'electron/ may import shared/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../renderer/*', '../electron/*', '../../renderer/*', '../../electron/*'],
              message: 'server/ may import shared/ only.',
            },
          ],
        },
      ],
    },
  },
);
