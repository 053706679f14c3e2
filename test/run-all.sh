#!/usr/bin/env bash
# The README's test command (`npm test`): every layer in order; stops at the first failing layer.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "==== $* ===="; }

step "typecheck (shared-client, backend-proxy, plugin, test)"
npm run typecheck --silent

step "lint (Headlamp's ESLint config)"
npm run lint --silent

step "i18n: the English catalog holds every t() key of the plugin (plugin/i18n-check.cjs)"
(cd plugin && npm run --silent i18n:check)

step "unit: shared-client"
npx vitest run --root shared-client

step "unit: backend-proxy"
npx vitest run --root backend-proxy

step "component: plugin (headlamp-plugin test: vitest + jsdom + msw)"
(cd plugin && npx headlamp-plugin test)

step "build: plugin (headlamp-plugin build → plugin/dist/main.js)"
(cd plugin && npx headlamp-plugin build >/dev/null && ls -l dist/main.js)

step "integration: the real local control plane (test/)"
npx vitest run --root test

step "browser: the plugin in the host page (Debian Chromium, test/browser)"
npx vitest run -c test/browser/vitest.config.ts
