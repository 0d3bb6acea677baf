#!/usr/bin/env bash
# The full test suite: lint (with the module-boundary rules), build, unit specs, integration specs
# (real PostgreSQL and Kafka), end-to-end specs (the four services as separate processes), the web
# application's unit specs and its browser specs (Chromium, through the gateway).
# Starts the infrastructure it needs and stops what it started. Exit status: 0 only if all passed.
set -uo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
export NX_NO_CLOUD=true NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
mkdir -p reports

started="$(tools/ci/ensure-infra.sh)" || { echo "could not start PostgreSQL or Kafka" >&2; exit 1; }
cleanup() { if [[ "$started" == *kafka-started* ]]; then tools/kafka/kafka.sh stop >&2 || true; fi; }
trap cleanup EXIT

failed=()
step() {
  local name="$1"; shift
  echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then echo "=== $name passed in $((SECONDS - t0)) s"; else echo "=== $name FAILED in $((SECONDS - t0)) s"; failed+=("$name"); fi
}

rm -f reports/jest-*.json reports/vitest-*.json
step lint npx nx run-many -t lint --output-style=static
step build npx nx run-many -t build --projects=unit-directory,survey-intake,scoring,audit --output-style=static
step unit npx jest -c jest.config.cjs --ci --json --outputFile=reports/jest-unit.json
step integration npx jest -c jest.int.config.cjs --ci --runInBand --json --outputFile=reports/jest-integration.json
step e2e npx jest -c jest.e2e.config.cjs --ci --runInBand --json --outputFile=reports/jest-e2e.json
# The fault suite's short form (tools/faults): its own PostgreSQL and Kafka broker, killed and restarted
# under load along with each service; nothing acknowledged may be lost or counted twice (reports/faults.json).
step faults env FAULTS_SKIP_BUILD=1 bash tools/faults/faults.sh --short
# The benchmark in its smoke form (tools/bench, ports 3330–3333): small sizes, so it cannot rot; it fails only on
# an error answered or an acknowledged response lost, never on timing. The full run is `npm run bench`.
step bench-smoke bash tools/bench/bench.sh --smoke --json-report=reports/jest-bench.json

# The web application: its unit specs run with vitest (the runner @nx/vite sets up; its JSON report has
# jest's fields), then Debian's Chromium drives the built app through the gateway in front of the four
# services (apps/web-e2e), saving screenshots to docs/screenshots. The app is type-checked here because
# its Vite build does not check types.
web_unit() {
  npx tsc --noEmit -p apps/web/tsconfig.app.json && npx tsc --noEmit -p apps/web/tsconfig.spec.json &&
    npx vitest run --config apps/web/vite.config.mts --reporter=default --reporter=json --outputFile.json="$repo/reports/vitest-web.json"
}
browser() {
  npx nx run-many -t build --projects=web,gateway --output-style=static &&
    npx jest -c apps/web-e2e/jest.browser.config.cjs --ci --runInBand --json --outputFile=reports/jest-browser.json
}
step web-unit web_unit
step browser browser

node tools/ci/summarize-jest.cjs reports/jest-unit.json reports/jest-integration.json reports/jest-e2e.json reports/jest-bench.json \
  reports/jest-faults.json reports/vitest-web.json reports/jest-browser.json || failed+=(summary)
if ((${#failed[@]})); then
  echo "failed steps: ${failed[*]}"
  exit 1
fi
