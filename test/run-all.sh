#!/usr/bin/env bash
# The README's test command (`npm test`): every layer in order; stops at the first failing layer.
# Each layer's time is printed as it ends and, with AIRUNWAY_LAYER_TIMES=<file>, appended to that file as
# one JSON line per layer ({"layer","seconds","ok"}), which `npm run test:stress` reads.
set -uo pipefail
cd "$(dirname "$0")/.."

layer() {
  local name=$1
  shift
  echo
  echo "==== ${name} ===="
  local start=$SECONDS
  "$@"
  local rc=$?
  local took=$((SECONDS - start))
  local ok=true
  [ "$rc" -eq 0 ] || ok=false
  echo "==== ${name}: $([ "$ok" = true ] && echo passed || echo FAILED) in ${took}s ===="
  if [ -n "${AIRUNWAY_LAYER_TIMES:-}" ]; then
    printf '{"layer":"%s","seconds":%d,"ok":%s}\n' "$name" "$took" "$ok" >>"$AIRUNWAY_LAYER_TIMES"
  fi
  [ "$rc" -eq 0 ] || exit "$rc"
}

layer "typecheck" npm run typecheck --silent
layer "lint" npm run lint --silent
# The English catalog holds every t() key of the plugin (plugin/i18n-check.cjs).
layer "i18n" bash -c 'cd plugin && npm run --silent i18n:check'
layer "unit: shared-client" npx vitest run --root shared-client
layer "unit: backend-proxy" npx vitest run --root backend-proxy
# vitest + jsdom + msw on Headlamp's own vite config (plugin/vitest.config.mts says what it adds).
layer "component: plugin" npm test --silent -w plugin
layer "build: plugin" bash -c 'cd plugin && npx headlamp-plugin build >/dev/null && ls -l dist/main.js'
# The real local control plane.
layer "integration" npx vitest run --root test
# The built plugin in the host page, Debian Chromium.
layer "browser" npx vitest run -c test/browser/vitest.config.ts
