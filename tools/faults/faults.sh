#!/usr/bin/env bash
# npm run faults: the fault suite of issue 12. Starts its own PostgreSQL cluster (port 5442) and Kafka
# broker (9192/9193) in temporary directories, so the faults it injects (SIGKILL of the broker and of
# each service, a crash of PostgreSQL, a burst) disturb nothing else running on the machine; builds the
# four services and runs them as processes on ports 3320–3323; prints one line per scenario. The
# details are in reports/faults.json; jest's report in reports/jest-faults.json.
#
#   npm run faults                 # the full form: longer outages, a burst of 3 000 forms
#   npm run faults -- --short      # the short form CI runs (tools/ci/test-all.sh, step "faults")
#
# FAULTS_SKIP_BUILD=1 uses dist/ as it is (CI's build step has just made it). On the shared development
# machine run it under the lock every suite takes: flock /tmp/hailong-infra-tests.lock npm run faults
set -uo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
export NX_NO_CLOUD=true NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
mkdir -p reports

form=full
[[ "${1:-}" == "--short" ]] && form=short

if [[ "${FAULTS_SKIP_BUILD:-}" != 1 ]]; then
  echo "[faults] building the services"
  npx nx run-many -t build --projects=unit-directory,survey-intake,scoring,audit --output-style=static >reports/faults-build.log 2>&1 \
    || { tail -n 40 reports/faults-build.log; exit 1; }
fi

rm -f reports/faults.json reports/jest-faults.json
t0=$SECONDS
FAULTS_FORM=$form npx jest -c tools/faults/jest.faults.config.cjs --ci --runInBand --json --outputFile=reports/jest-faults.json
status=$?

if [[ -f reports/faults.json ]]; then
  node -e '
    const rows = require(process.argv[1]);
    for (const r of rows)
      console.log(`[faults] ${r.scenario}: sent ${r.sent}, acknowledged ${r.acknowledged}, refused ${r.refused}, in log ${r.inLog}, counted ${r.counted}, lost ${r.lost}, double-counted ${r.doubleCounted}`);
  ' "$repo/reports/faults.json"
fi
echo "[faults] $form form in $((SECONDS - t0)) s"
exit $status
