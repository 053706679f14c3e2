// Headlamp's ESLint style for every package; the plugin lints through `headlamp-plugin lint` with the same base.
module.exports = {
  root: true,
  extends: ['@headlamp-k8s', 'prettier'],
  settings: { react: { version: '18' } },
  ignorePatterns: ['node_modules', 'dist', '*.cjs'],
};
