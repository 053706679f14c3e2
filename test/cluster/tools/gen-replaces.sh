#!/usr/bin/env bash
# Regenerates the replace list of this module from the go.mod of the pinned k8s.io/kubernetes release.
# k8s.io/kubernetes maps its staging modules to ./staging/src/... and a dependency's replaces are ignored,
# so this module must point every staging module at the published v0.X.Y tag itself. Never edit by hand.
set -euo pipefail
cd "$(dirname "$0")"
k8s_version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
staging_version="v0.${k8s_version#v1.}"
gomod=$(go mod download -json "k8s.io/kubernetes@${k8s_version}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
# Drop the replaces this script wrote last time, then add the current list.
go mod edit -json | sed -n 's/.*"Path": "\(k8s\.io\/[^"]*\)".*/\1/p' | sort -u > /tmp/airunway-old-replaces.$$ || true
while read -r mod; do go mod edit -dropreplace="$mod" 2>/dev/null || true; done < /tmp/airunway-old-replaces.$$
rm -f /tmp/airunway-old-replaces.$$
grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' "$gomod" | awk '{print $1}' | while read -r mod; do
  go mod edit -replace="${mod}=${mod}@${staging_version}"
done
echo "replaced $(grep -cE '=> \./staging/' "$gomod") staging modules with ${staging_version}"
