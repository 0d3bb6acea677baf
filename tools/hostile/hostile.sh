#!/usr/bin/env bash
# npm run hostile: the full hostile-input corpus (issue 12) against the four services, started as
# separate processes on a fresh database and topic prefix (ports 3261–3264). Starts PostgreSQL and
# Kafka if they are down (and stops the Kafka it started), builds the services, runs the corpus and
# prints its figures; the details are in reports/hostile.json. CI runs the short form as part of the
# end-to-end suite (apps/platform-e2e/src/hostile.e2e.spec.ts).
# On the shared development machine run it under the lock every suite takes:
#   flock /tmp/hailong-infra-tests.lock npm run hostile
set -uo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
export NX_NO_CLOUD=true NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
mkdir -p reports

started="$(tools/ci/ensure-infra.sh)" || { echo "could not start PostgreSQL or Kafka" >&2; exit 1; }
cleanup() { if [[ "$started" == *kafka-started* ]]; then tools/kafka/kafka.sh stop >&2 || true; fi; }
trap cleanup EXIT

echo "[hostile] building the services"
npx nx run-many -t build --projects=unit-directory,survey-intake,scoring,audit --output-style=static >reports/hostile-build.log 2>&1 \
  || { tail -n 40 reports/hostile-build.log; exit 1; }

rm -f reports/hostile.json
HOSTILE_CORPUS=full npx jest -c jest.e2e.config.cjs --ci apps/platform-e2e/src/hostile.e2e.spec.ts
status=$?

if [[ -f reports/hostile.json ]]; then
  node -e '
    const r = require(process.argv[1]);
    const problems = Object.entries(r.problems).filter(([, l]) => l.length).map(([p, l]) => `${p} ${l.length}`).join(", ") || "none";
    console.log(`[hostile] ${r.cases} cases over ${r.endpoints} endpoints in ${Math.round(r.durationMs / 1000)} s`);
    console.log(`[hostile] by status: ${Object.entries(r.byStatus).map(([s, n]) => `${s}: ${n}`).join(", ")}`);
    console.log(`[hostile] by category: ${Object.entries(r.byCategory).map(([c, v]) => `${c} ${v.cases}`).join(", ")}`);
    console.log(`[hostile] 5xx: ${r.fiveHundreds.length}; refused yet written: ${r.written}; problems: ${problems}`);
    console.log(`[hostile] categories no endpoint offers yet: ${r.categoriesWithoutCases.join(", ") || "none"}`);
  ' "$repo/reports/hostile.json"
fi
exit $status
