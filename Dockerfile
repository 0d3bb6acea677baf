# syntax=docker/dockerfile:1
# The image of each service, built from the Nx workspace (the context is the repository root); the
# service and its port are build arguments, so the four services share one recipe:
#   docker build --build-arg APP=scoring --build-arg PORT=3103 -t hailong/scoring:local .
#   (APP/PORT: unit-directory 3101, survey-intake 3102, scoring 3103, audit 3104)
# Multi-stage: the workspace is built in one stage, production dependencies are installed from the
# app's own pruned lockfile in another, and the runtime image gets main.js and those only, run as a
# non-root user. The image also runs the one-shot steps:
#   node main.js migrate         the service's migrations, then exit (Kubernetes Job, compose init step)
#   node main.js ensure-topics   the platform topics exist with infinite retention, then exit
# The web application's image (the gateway with the built app) has its own: apps/gateway/Dockerfile.

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
ARG PORT
# Both are required: an image that does not know its service would start nothing useful.
RUN test -n "$APP" && test -n "$PORT" || { echo "build with --build-arg APP=<service> --build-arg PORT=<port>" >&2; exit 1; }
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
# A Unicode TTF font with Vietnamese glyphs, for the re-inspection report in PDF (REPORT_FONT_PATH's
# default), used by the audit; installed in every service's image so that the recipe stays one.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ARG APP
ARG PORT
# The V8 heap's cap, in MB. Without one V8 sizes the heap from the machine's memory, not the
# container's, and lets it grow lazily: the benchmark saw 420-480 MB of RSS per service under load,
# over the 384Mi the base manifests allow; with 192 MB its peaks were 159-313 MB (README,
# "Performance"). The tests and the benchmark start the services with this same value (ServiceProcess
# reads it from here); a deployment with more memory raises it through NODE_OPTIONS.
ARG HEAP_MB=192
# HOST: the services listen on 127.0.0.1 unless told otherwise, which a container cannot be reached on.
# MALLOC_ARENA_MAX: glibc gives each thread that allocates (libuv's pool, V8's helpers) an arena of its
# own, which it keeps; two arenas took 8-42 MB off the consumers' peaks in the benchmark.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT} NODE_OPTIONS="--enable-source-maps --max-old-space-size=${HEAP_MB}" MALLOC_ARENA_MAX=2
WORKDIR /app
# The files stay root-owned: the service can read its code but not change it.
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/${APP}/ ./
# 1000 is the image's `node` user; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
# The API; and /metrics when METRICS_PORT=9464 moves it off the API port (Kubernetes does).
EXPOSE ${PORT} 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: readiness fails, HTTP drains, consumers commit and leave,
# the outbox relay drains, then the process exits (see libs/platform/http, GracefulShutdown).
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
