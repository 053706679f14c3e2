#!/usr/bin/env bash
# The README's test command. Every layer in order; stops at the first failing layer.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "==== $* ===="; }

step "typecheck"
npm run typecheck --silent

step "unit: shared-client"
npx vitest run --root shared-client

step "integration: real control plane (test/)"
npx vitest run --root test
