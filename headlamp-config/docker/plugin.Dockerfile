# syntax=docker/dockerfile:1.7
# The AI Runway plugin image: the built plugin under /plugins/ai-runway (main.js, locales/, package.json) on busybox, so
# an init container can copy it into Headlamp's plugins directory (headlamp-config/headlamp/values-plugin-image.yaml):
#
#   cp -R /plugins/ai-runway /headlamp/plugins/
#
#   docker build -f headlamp-config/docker/plugin.Dockerfile -t ghcr.io/airunway/headlamp-airunway-plugin:0.1.0 .
#
# Build context: the repository root.
ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=busybox:1.37

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY shared-client/package.json shared-client/
COPY backend-proxy/package.json backend-proxy/
COPY plugin/package.json plugin/
COPY test/package.json test/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY shared-client/ shared-client/
COPY plugin/ plugin/
RUN cd plugin && npx headlamp-plugin build \
 && mkdir -p /out/ai-runway \
 && cp -R dist/. /out/ai-runway/ && cp package.json /out/ai-runway/

FROM ${RUNTIME_IMAGE}
# Owned by root, world-readable: the init container (uid 65532) only reads them.
COPY --from=build /out/ai-runway/ /plugins/ai-runway/
USER 65532:65532
# Default command of the init container; the values file states it explicitly as well.
CMD ["cp", "-R", "/plugins/ai-runway", "/headlamp/plugins/"]
