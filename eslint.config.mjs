import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The renderer reaches main only through the typed API: type imports of the contract, nothing else; but the
      // contract's rules (pure, runtime-neutral: which fields are personal data) are shared with the UI.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)(main/(?!contract/rules/)|db/)', allowTypeImports: true, message: 'The renderer imports types only from main and db (values only from main/contract/rules).' }] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Only main/electron may import electron (DESIGN.md); preload is the other side of the bridge.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ import electron.' }] }],
    },
  },
  { files: ['main/electron/**', 'preload/**'], rules: { 'no-restricted-imports': 'off' } },
  // Tests poke at untyped JSON answers of the host.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['build/**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['build/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } } },
);
