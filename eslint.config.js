// One ESLint flat config for the whole repo; every package's `lint` script finds it by walking up.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TS = ['**/*.{ts,tsx,mts,cts}'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.next/**',
      '**/node_modules/**',
      '**/test-results/**',
      'charts/**',
      'k8s/**',
      '**/next-env.d.ts',
      '.tools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // recommendedTypeChecked = recommended + these type-aware rules, on TypeScript with each package's own tsconfig
  // (projectService finds the nearest one). Plain JavaScript (bench/, scripts/, configs) is type-checked by tsc
  // (checkJs) in its package instead, with noImplicitAny off: these rules would call every unannotated parameter unsafe.
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: TS })),
  {
    files: TS,
    languageOptions: {
      parserOptions: {
        // Config files no tsconfig includes get a default project.
        projectService: { allowDefaultProject: ['packages/*/vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Fastify plugins, hooks and handlers are async by contract (a plugin without `done` returns a promise), and
      // test doubles implement async interfaces: an async function without `await` is the idiom there, not a slip.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The plugin's recommended set: the rules of hooks and the React Compiler checks (purity, refs, state set in
    // effects, immutability, …). Missing effect dependencies fail the lint too, not only warn.
    files: ['apps/frontend/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['apps/frontend/**/*.tsx'],
    rules: {
      // React ignores what an event handler returns: an async onClick/onSubmit is the idiom, not a lost promise.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The service worker runs in a worker's global scope, not Node's or a page's.
    files: ['apps/frontend/public/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Configuration is read in one place per app and parsed with its env contract (packages/shared/src/env), which
    // also feeds the Helm chart and the generated env docs. A stray process.env read is a variable the chart, the
    // docs and the startup check do not know about.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration through the env contract (packages/shared/src/env) and the app config.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({
            name,
            importNames: ['env'],
            message:
              'Read configuration through the env contract (packages/shared/src/env) and the app config.',
          })),
        },
      ],
    },
  },
  {
    // Where the environment may be read: the env contracts and each app's config entry, the frontend's process
    // entry (it hands Next its own settings), CLIs reading pnpm's INIT_CWD or a tool path, and the tooling around
    // the apps (tests, e2e, eval, bench, scripts), which set up processes rather than configure the app.
    files: [
      'packages/shared/src/env/**',
      'apps/backend/src/config.ts',
      'apps/frontend/lib/env.ts',
      'apps/frontend/server/main.ts',
      'apps/backend/src/backup/cli.ts',
      'packages/chart-gen/src/helm/helm.ts',
      '**/test/**',
      '**/e2e/**',
      '**/eval/**',
      'bench/**',
      'scripts/**',
      '*.config.{js,ts,mjs}',
      '**/*.config.{js,ts,mjs}',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
  },
  prettier,
);
