// Headlamp's ESLint style for every package; the plugin lints through `headlamp-plugin lint` with the same base.
module.exports = {
  root: true,
  extends: ['@headlamp-k8s', 'prettier'],
  settings: { react: { version: '18' } },
  rules: {
    // Destructuring to omit keys (`const { a: _a, ...rest } = o`) is the idiom for dropping fields.
    'no-unused-vars': 'off',
    '@typescript-eslint/no-unused-vars': [
      'error',
      { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
    ],
  },
  ignorePatterns: ['node_modules', 'dist', '*.cjs'],
};
