#!/usr/bin/env bash
# Builds the local control plane from Go modules into a cache outside the repository and prints its path.
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd  (pinned by tools/go.mod)
#   kwok, kwokctl, helm                                                      (pinned below)
# The cache key covers tools/go.sum, the versions below, this script and the Go version, so a second run
# builds nothing, and CI on the same machine reuses what a developer session built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
KWOK_VERSION=v0.7.0
HELM_VERSION=v3.18.6

cache_root=${AIRUNWAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/airunway}
key=$( { cat "$here/tools/go.sum" "$here/tools/go.mod" "$0"; go env GOVERSION; } | sha256sum | cut -c1-16)
out="$cache_root/bin/$key"
if [ -x "$out/kube-apiserver" ] && [ -x "$out/helm" ] && [ -f "$out/.complete" ]; then
  echo "$out"; exit 0
fi

log() { echo "[build-binaries] $*" >&2; }
tmp="$cache_root/bin/.tmp-$key-$$"
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0
start=$(date +%s)

cd "$here/tools"
k8s_version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
minor=${k8s_version#v1.}; minor=${minor%%.*}
build_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done
log "building kubernetes $k8s_version and etcd (first build: 15-30 min on 2 cores)"
go build -trimpath -tags selinux,notest -ldflags "-s -w $ldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3

log "building kwok $KWOK_VERSION and helm $HELM_VERSION"
GOBIN="$tmp" GOFLAGS=-buildvcs=false go install -trimpath \
  -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" \
  "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
GOBIN="$tmp" GOFLAGS=-buildvcs=false go install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"

echo "built in $(( $(date +%s) - start ))s with $(go env GOVERSION)" > "$tmp/.complete"
rm -rf "$out"; mv "$tmp" "$out"; trap - EXIT
log "done in $(( $(date +%s) - start ))s: $out"
echo "$out"
