# syntax=docker/dockerfile:1
# One recipe for the four services; APP picks which one:
#   docker build --build-arg APP=unit-directory -t hailong/unit-directory:local .
# docker-compose.yml builds all four this way.

# ---- toolchain: what a native module needs to compile ----------------------------------------------
# argon2 ships prebuilt binaries and its install script compiles from source when the prebuilt one
# does not load. Under Node 20.20 on Debian 12 (the development machines) the linux-x64 prebuilt
# binary of argon2 0.45 crashes at load, so the stages that install packages can compile; the
# runtime image gets the result, not the compiler.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

# ---- build: the whole workspace, then the one app --------------------------------------------------
FROM toolchain AS build
ARG APP
RUN test -n "$APP" || { echo 'build with --build-arg APP=<unit-directory|survey-intake|scoring|audit>' >&2; exit 1; }
WORKDIR /workspace
# No Nx daemon or cloud inside a throw-away build container.
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Webpack bundles the workspace libraries into main.js; generatePackageJson writes the app's own
# package.json and package-lock.json next to it, listing only the npm packages main.js requires.
RUN npx nx build "$APP" && test -f "dist/apps/$APP/package-lock.json"

# ---- dependencies: production packages only, from the app's own lockfile --------------------------
FROM toolchain AS dependencies
ARG APP
WORKDIR /app
COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/dist/apps/${APP}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && node -e "require('argon2')" \
  && npm cache clean --force

# ---- runtime: main.js and its dependencies, nothing else -------------------------------------------
FROM node:20-bookworm-slim AS runtime
ARG APP
# HOST: the services listen on 127.0.0.1 unless told otherwise, which a container cannot be reached on.
# PORT is set by whoever runs the image (compose, Kubernetes): each service has its own.
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# The files stay root-owned: the service can read its code but not change it.
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/ ./
# 1000 is the image's `node` user; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "if (!process.env.PORT) { console.error('PORT is not set'); process.exit(1); } fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
