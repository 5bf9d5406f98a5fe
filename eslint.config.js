// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // The core (model, engine) must not reach the edges.
    },
  },
  {
    files: ['src/model/**/*.ts', 'src/engine/**/*.ts'],
    // Tests beside core files may read their fixtures from disk; the code under test may not.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/store/**',
                '**/cli/**',
                '**/server/**',
                '**/interop/**',
                '**/report/**',
                '**/evidence/**',
              ],
              message: 'The core does no I/O and imports nothing from the edges.',
            },
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:net', 'node:http'],
              message: 'The core does no I/O.',
            },
          ],
        },
      ],
    },
  },
);
