// ESLint 9 flat config: typescript-eslint's recommended rules (not the type-aware set: it takes
// about five times as long on this tree). Layout is Prettier's job (.prettierrc.json).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'example-service/dist/', 'coverage/', '**/fixtures/'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // `const { dropped: _dropped, ...rest } = object` is how this code omits keys.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // Published coefficients kept digit for digit as printed (Wichura's AS 241), and a test of 1e309 (Infinity).
    files: ['actions/lib/analysis/statistics.ts', 'test/security-scan/dependencies.test.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // CONTROL_CHARACTER matches control characters on purpose, to reject them in inputs.
    files: ['actions/lib/inputs.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
