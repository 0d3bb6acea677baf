#!/usr/bin/env bash
# npm run bench [-- --smoke]: the performance benchmark (issue 11). Starts PostgreSQL and Kafka if they
# are down (and stops the Kafka it started), builds the four services if their build is missing, starts
# them on ports 3330–3333 with a fresh database and topic prefix, creates its own units, campaign and
# tablet, runs every scenario beside its raw baseline and prints the table; reports/bench.md and
# reports/bench.json keep it. --smoke: small sizes (CI, < 3 min). Fails only on errors answered or
# acknowledged data lost, never on timing. On the shared development machine:
#   flock /tmp/hailong-infra-tests.lock npm run bench
set -uo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
export NX_NO_CLOUD=true NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
size="${BENCH_SIZE:-full}"
report_args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) size=smoke ;;
    --json-report=*) report_args=(--json "--outputFile=${arg#--json-report=}") ;;
    *) echo "usage: npm run bench [-- --smoke] [-- --json-report=FILE]" >&2; exit 2 ;;
  esac
done
mkdir -p reports

started="$(tools/ci/ensure-infra.sh)" || { echo "could not start PostgreSQL or Kafka" >&2; exit 1; }
cleanup() { if [[ "$started" == *kafka-started* ]]; then tools/kafka/kafka.sh stop >&2 || true; fi; }
trap cleanup EXIT

for app in unit-directory survey-intake scoring audit; do
  if [[ ! -f "dist/apps/$app/main.js" ]]; then
    echo "[bench] building the services (dist/apps/$app is missing)"
    npx nx run-many -t build --projects=unit-directory,survey-intake,scoring,audit --output-style=static >reports/bench-build.log 2>&1 \
      || { tail -n 40 reports/bench-build.log; exit 1; }
    break
  fi
done

if [[ ${#report_args[@]} -gt 0 ]]; then
  # CI: the jest spec runs the same plain-Node entry as a child and reports it as one test.
  BENCH_SIZE="$size" npx jest -c tools/bench/jest.bench.config.cjs --ci "${report_args[@]}"
else
  BENCH_SIZE="$size" tools/bench/run.sh
fi
