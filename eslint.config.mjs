// ESLint (flat config) with typescript-eslint's type-aware rules: the promise and import habits the project keeps.
// `npm run lint`; `npm test` runs it too. Layer rules are checked by tests/unit/layers.test.ts.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // types/ holds declarations for tsconfig.shared.json only (not part of the main program).
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/fixtures/**', '.test-output/**', 'coverage/**', 'types/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits or catches loses its error (a dropped socket write, a failed save): say `void` when meant.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a plain callback is expected (event handlers, forEach) swallows its rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Type-only imports stay out of the bundles and make the layer check's job obvious.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-unused-private-class-members': 'error',
    },
  },
);
