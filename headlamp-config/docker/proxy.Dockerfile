# syntax=docker/dockerfile:1.7
# The AI Runway proxy image: Node 20 (slim), the proxy bundled into one file, and the helm CLI.
#
#   docker build -f headlamp-config/docker/proxy.Dockerfile -t ghcr.io/airunway/headlamp-airunway-proxy:0.1.0 .
#
# Build context: the repository root. Runs as uid/gid 65532 with a read-only root filesystem: the only writable
# place is /tmp (an emptyDir in headlamp-config/proxy/deployment.yaml), where HOME and Helm's cache, config and
# data directories point.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG GO_IMAGE=golang:1.24-bookworm

# ---- helm, built from its Go module at the version the tests use (test/cluster/build-binaries.sh) ----
FROM ${GO_IMAGE} AS helm
ARG HELM_VERSION=v3.18.6
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
RUN GOBIN=/out go install -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}" \
      "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" \
 && /out/helm version --short

# ---- the proxy, bundled with esbuild (comes with the plugin toolchain's dependencies) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first, so the dependency layer is cached until the lockfile changes. npm ci needs every workspace's
# package.json to match the lockfile. Install scripts are skipped: esbuild runs from its platform package.
COPY package.json package-lock.json ./
COPY shared-client/package.json shared-client/
COPY backend-proxy/package.json backend-proxy/
COPY plugin/package.json plugin/
COPY test/package.json test/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY shared-client/ shared-client/
COPY backend-proxy/ backend-proxy/
COPY headlamp-config/docker/bundle-proxy.mjs headlamp-config/docker/
RUN node headlamp-config/docker/bundle-proxy.mjs --out /out/proxy.mjs

# ---- runtime ----
FROM ${NODE_IMAGE}
ARG APP_VERSION=0.1.0
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
# npm, npx, corepack and yarn are not needed at run time: removing them makes the image smaller and leaves
# less to patch. The non-root user gets the conventional "nonroot" uid/gid 65532.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && groupadd --gid 65532 nonroot \
 && useradd --uid 65532 --gid 65532 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin nonroot
COPY --from=helm /out/helm /usr/local/bin/helm
COPY --from=build /out/ /app/
# --max-semi-space-size=2 (MB): V8's young generation otherwise grows to 32 MB under load although the proxy's
# per-request garbage dies young; with 2 MB the benchmark's peak RSS drops by ~20 MB at the same throughput
# (backend-proxy/bench/hf-search.bench.ts starts the bundle with these same options).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2 \
    PORT=8080 \
    HOME=/tmp \
    HELM_BIN=/usr/local/bin/helm \
    HELM_CACHE_HOME=/tmp/helm/cache \
    HELM_CONFIG_HOME=/tmp/helm/config \
    HELM_DATA_HOME=/tmp/helm/data \
    APP_VERSION=${APP_VERSION} \
    GIT_COMMIT=${GIT_COMMIT} \
    BUILD_TIME=${BUILD_TIME}
USER 65532:65532
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["node", "--enable-source-maps", "/app/proxy.mjs"]
