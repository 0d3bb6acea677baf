#!/usr/bin/env bash
# Starts the whole platform locally with demo data: PostgreSQL (if down), Kafka (tools/kafka), the
# four services built and started as separate processes, a demo unit and a few responses, and the
# web application with the gateway that gives the browser one origin (http://127.0.0.1:3100).
#   tools/dev/platform.sh start | stop | status
# State lives in .local/ (keys, admin password, logs, pids); all of it is git-ignored.
set -euo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$repo"
export NX_NO_CLOUD=true NX_DAEMON=false KAFKAJS_NO_PARTITIONER_WARNING=1
local_dir="$repo/.local"
# The gateway serves the web build (built with it) and proxies /api/<service> and /auth to the services.
apps=(unit-directory survey-intake scoring audit gateway)
declare -A ports=([unit-directory]=3101 [survey-intake]=3102 [scoring]=3103 [audit]=3104 [gateway]=3100)

pem_one_line() { awk 'BEGIN{ORS="\\n"} {print}' "$1"; }

start() {
  mkdir -p "$local_dir/logs" "$local_dir/pids" "$local_dir/auth"
  if [[ "$(tools/ci/ensure-infra.sh)" == *kafka-started* ]]; then touch "$local_dir/kafka-started"; fi
  echo "[platform] building the services and the web application"
  npx nx run-many -t build --projects="$(IFS=,; echo "${apps[*]}")" --output-style=static >"$local_dir/logs/build.log" 2>&1 \
    || { tail -n 40 "$local_dir/logs/build.log"; exit 1; }

  if [[ ! -f "$local_dir/auth/signing.pem" ]]; then
    openssl genpkey -algorithm ed25519 -out "$local_dir/auth/signing.pem" 2>/dev/null
    openssl pkey -in "$local_dir/auth/signing.pem" -pubout -out "$local_dir/auth/public.pem"
    openssl rand -base64 18 | tr -d '/+=' >"$local_dir/auth/admin-password"
    chmod 600 "$local_dir/auth/"*
  fi
  # The audit signs ledger checkpoints with a key of its own (public half at /checkpoints/keys).
  if [[ ! -f "$local_dir/auth/checkpoint.pem" ]]; then
    openssl genpkey -algorithm ed25519 -out "$local_dir/auth/checkpoint.pem" 2>/dev/null
    chmod 600 "$local_dir/auth/checkpoint.pem"
  fi
  export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hailong}"
  export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
  export AUTH_PUBLIC_KEY="$(pem_one_line "$local_dir/auth/public.pem")"
  # The counter's QR codes open the citizen form the gateway serves.
  export COUNTER_FORM_URL="${COUNTER_FORM_URL:-http://127.0.0.1:${ports[gateway]}/counter}"

  for app in "${apps[@]}"; do
    if [[ -f "$local_dir/pids/$app.pid" ]] && kill -0 "$(cat "$local_dir/pids/$app.pid")" 2>/dev/null; then
      echo "[platform] $app already running"
      continue
    fi
    local extra=()
    if [[ "$app" == unit-directory ]]; then
      extra=(AUTH_SIGNING_KEY="$(pem_one_line "$local_dir/auth/signing.pem")"
             AUTH_BOOTSTRAP_ADMIN_USERNAME=admin
             AUTH_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$local_dir/auth/admin-password")")
    elif [[ "$app" == audit ]]; then
      extra=(AUDIT_CHECKPOINT_SIGNING_KEY="$(pem_one_line "$local_dir/auth/checkpoint.pem")" AUDIT_CHECKPOINT_INTERVAL_SECONDS=300)
    fi
    env PORT="${ports[$app]}" "${extra[@]}" nohup node "dist/apps/$app/main.js" >"$local_dir/logs/$app.log" 2>&1 &
    echo $! >"$local_dir/pids/$app.pid"
    # The directory creates the database and the topics; the others start once it is ready.
    if [[ "$app" == unit-directory ]]; then wait_ready "$app"; fi
  done
  for app in "${apps[@]:1}"; do wait_ready "$app"; done

  ADMIN_PASSWORD="$(cat "$local_dir/auth/admin-password")" node tools/dev/seed-demo.cjs
  echo "Web application: http://127.0.0.1:${ports[gateway]}/ (sign in as \"admin\", password in .local/auth/admin-password)"
}

wait_ready() {
  local app="$1" port="${ports[$1]}"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$local_dir/pids/$app.pid")" 2>/dev/null; then
      echo "[platform] $app exited during start-up:"; tail -n 30 "$local_dir/logs/$app.log"; exit 1
    fi
    sleep 0.5
  done
  echo "[platform] $app not ready after 60 s:"; tail -n 30 "$local_dir/logs/$app.log"; exit 1
}

stop() {
  for app in "${apps[@]}"; do
    local pidfile="$local_dir/pids/$app.pid"
    [[ -f "$pidfile" ]] || continue
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "[platform] stopped $app"
    fi
    rm -f "$pidfile"
  done
  if [[ -f "$local_dir/kafka-started" ]]; then tools/kafka/kafka.sh stop; rm -f "$local_dir/kafka-started"; fi
}

status() {
  for app in "${apps[@]}"; do
    if curl -fsS "http://127.0.0.1:${ports[$app]}/health/ready" >/dev/null 2>&1; then echo "$app ready on ${ports[$app]}"; else echo "$app down"; fi
  done
  tools/kafka/kafka.sh status || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
