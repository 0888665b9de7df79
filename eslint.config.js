/** ESLint for the whole repository (`pnpm lint` runs it, then dependency-cruiser: .dependency-cruiser.cjs). */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/', 'test-results/', '.tmp/', '**/*.d.ts', 'client/page/*.bundle.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS config files (.dependency-cruiser.cjs): module.exports, require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
);
