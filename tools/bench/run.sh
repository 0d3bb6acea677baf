#!/usr/bin/env bash
# The benchmark's entry (src/main.ts) in a plain Node process: ts-node compiles it on the fly (types are
# checked by lint and tsc, not here) and tsconfig-paths resolves the workspace's @hailong/* imports.
# Not under jest: its module sandbox made the load generators, the log writer and the raw baselines two
# to three times slower. bench.sh calls this after starting the infrastructure and building the services.
set -euo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
TS_NODE_PROJECT=tsconfig.base.json TS_NODE_TRANSPILE_ONLY=1 exec node -r ts-node/register -r tsconfig-paths/register tools/bench/src/main.ts
