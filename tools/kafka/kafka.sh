#!/usr/bin/env bash
# Run a real Apache Kafka broker (single node, KRaft, combined broker+controller)
# from the official jars on Maven Central. No Docker, no tarball download.
#
#   tools/kafka/kafka.sh fetch|start|stop|status|kill|restart|reset|logs|topics|env|help
#
# See tools/kafka/README.md for details.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd -P)"
POM="$SCRIPT_DIR/pom.xml"

# ---------------------------------------------------------------- configuration
KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOST=127.0.0.1
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/.kafka-data}"
KAFKA_CACHE="${KAFKA_CACHE:-${HOME:-/root}/.cache/hailong-kafka/$KAFKA_VERSION}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"   # seconds until the broker must be ready
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"     # seconds of SIGTERM grace before SIGKILL
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-12}"
# Extra server.properties lines (newline separated key=value), appended last.
KAFKA_EXTRA_PROPERTIES="${KAFKA_EXTRA_PROPERTIES:-}"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"

LIBS="$KAFKA_CACHE/libs"
STAMP="$KAFKA_CACHE/.complete"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
LOG_FILE="$KAFKA_DATA_DIR/kafka.log"
PROPS="$KAFKA_DATA_DIR/server.properties"
LOG_DIRS="$KAFKA_DATA_DIR/logs"
MARKER="$KAFKA_DATA_DIR/.kafka-sh-data"   # reset only deletes dirs carrying this marker
BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s; }

case "$KAFKA_MAJOR" in
  3|4) ;;
  *) die "unsupported KAFKA_VERSION=$KAFKA_VERSION (expected 3.9.x or 4.x)" ;;
esac

# ---------------------------------------------------------------------- fetch
# Fingerprint of what the cache was built from, so editing pom.xml re-fetches.
fetch_key() {
  printf '%s\n' "$KAFKA_VERSION"
  sha256sum "$POM" | cut -d' ' -f1
}

is_fetched() {
  [[ -f "$STAMP" && -d "$LIBS" ]] && [[ "$(cat "$STAMP")" == "$(fetch_key)" ]] \
    && compgen -G "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null
}

cmd_fetch() {
  if is_fetched; then
    log "jars for Kafka $KAFKA_VERSION already in $LIBS"
    return 0
  fi
  command -v "$MVN" >/dev/null || die "maven ($MVN) not found"
  mkdir -p "$KAFKA_CACHE"
  # several checkouts may share the cache: one fetch at a time
  exec 8>"$KAFKA_CACHE/.lock"
  flock -w 600 8 || die "timed out waiting for another fetch into $KAFKA_CACHE"
  if is_fetched; then
    log "jars for Kafka $KAFKA_VERSION already in $LIBS"
    exec 8>&-
    return 0
  fi
  local tmp="$KAFKA_CACHE/libs.tmp.$$" t0
  rm -rf "$tmp"
  t0=$(now)
  log "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven into $LIBS ..."
  local logging=log4j2
  [[ "$KAFKA_MAJOR" == 3 ]] && logging=reload4j
  local mlog="$KAFKA_CACHE/fetch.log"
  if ! "$MVN" -q -B -Dstyle.color=never -f "$POM" \
        dependency:copy-dependencies \
        -Dkafka.version="$KAFKA_VERSION" -Dkafka.logging="$logging" \
        -DoutputDirectory="$tmp" >"$mlog" 2>&1; then
    rm -rf "$tmp"
    sed 's/\x1b\[[0-9;]*m//g' "$mlog" | grep -v '^\s*$' | tail -n 40 >&2 || true
    die "maven could not resolve Kafka $KAFKA_VERSION (full output: $mlog)"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after resolve"; }
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  fetch_key >"$STAMP"
  exec 8>&-
  log "fetched $(ls "$LIBS" | wc -l) jars ($(du -sh "$LIBS" | cut -f1)) in $(( $(now) - t0 ))s"
}

# --------------------------------------------------------------- process state
read_pid() { [[ -f "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

# true if $1 is a live kafka.Kafka process (guards against pid reuse)
is_kafka_pid() {
  local pid="$1" cmdline
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *" kafka.Kafka "* ]]
}

running_pid() {
  local pid
  pid="$(read_pid)"
  if is_kafka_pid "$pid"; then echo "$pid"; fi
}

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }

wait_gone() { # pid seconds -> 0 if gone
  local pid="$1" deadline=$(( $(now) + $2 ))
  while kill -0 "$pid" 2>/dev/null; do
    # an unreaped zombie counts as gone once all its threads have exited
    # (a JVM's main thread shows Z while the other threads still hold the sockets)
    if [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] \
       && [[ "$(ls "/proc/$pid/task" 2>/dev/null | wc -l)" -le 1 ]]; then
      return 0
    fi
    (( $(now) >= deadline )) && return 1
    sleep 0.2
  done
  return 0
}

# ------------------------------------------------------------ java invocation
# Runs a Kafka CLI class with quiet logging; stdout/stderr passed through.
# Usage: kafka_tool [timeout-seconds] <class> args...   (timeout 0 = none)
kafka_tool() {
  local secs=0
  [[ "$1" =~ ^[0-9]+$ ]] && { secs="$1"; shift; }
  local cls="$1"; shift
  local -a logopt pre=()
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    logopt=(-Dlog4j2.configurationFile="$KAFKA_DATA_DIR/tools-log4j2.properties")
  else
    logopt=(-Dlog4j.configuration="file:$KAFKA_DATA_DIR/tools-log4j.properties")
  fi
  (( secs > 0 )) && pre=(timeout -k 5 "$secs")
  "${pre[@]}" "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Djava.awt.headless=true "${logopt[@]}" \
    -cp "$LIBS/*" "$cls" "$@"
}

write_logging_config() {
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    cat >"$KAFKA_DATA_DIR/log4j2.properties" <<'EOF'
status = warn
name = kafka-sh
# Kafka's own shutdown hook logs the shutdown; log4j2's hook would stop logging midway
shutdownHook = disable
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.target = SYSTEM_OUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafkarequest.name = kafka.request.logger
logger.kafkarequest.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
EOF
    cat >"$KAFKA_DATA_DIR/tools-log4j2.properties" <<'EOF'
status = error
name = kafka-sh-tools
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ERROR
rootLogger.appenderRef.stderr.ref = STDERR
EOF
  else
    cat >"$KAFKA_DATA_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
    cat >"$KAFKA_DATA_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=ERROR, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
  fi
}

write_server_properties() {
  {
    echo "# generated by tools/kafka/kafka.sh on every start -- edits are overwritten"
    echo "# Kafka $KAFKA_VERSION, single node KRaft (combined broker+controller)"
    echo "process.roles=broker,controller"
    echo "node.id=1"
    # Static quorum: survives a change of KAFKA_CONTROLLER_PORT between runs
    # (a dynamic quorum formatted with --standalone stores the endpoint in the log).
    echo "controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
    echo "controller.listener.names=CONTROLLER"
    echo "listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
    echo "advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT"
    echo "inter.broker.listener.name=PLAINTEXT"
    echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    echo "log.dirs=$LOG_DIRS"
    echo "num.partitions=$KAFKA_NUM_PARTITIONS"
    echo "default.replication.factor=1"
    echo "min.insync.replicas=1"
    echo "offsets.topic.replication.factor=1"
    echo "transaction.state.log.replication.factor=1"
    echo "transaction.state.log.min.isr=1"
    # fewer internal partitions than the defaults (50/50): faster start and first
    # group join on a 2-core box; only applied when the topics are first created
    echo "offsets.topic.num.partitions=10"
    echo "transaction.state.log.num.partitions=4"
    if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
      echo "share.coordinator.state.topic.replication.factor=1"
      echo "share.coordinator.state.topic.min.isr=1"
      echo "share.coordinator.state.topic.num.partitions=1"
    fi
    echo "group.initial.rebalance.delay.ms=0"
    echo "auto.create.topics.enable=false"
    echo "delete.topic.enable=true"
    echo "# events are kept forever"
    echo "log.retention.ms=-1"
    echo "log.retention.bytes=-1"
    # faster recovery after a SIGKILL: a restarted broker must wait for its old
    # registration's session to expire (default 9s) before it can re-register
    echo "broker.heartbeat.interval.ms=1000"
    echo "broker.session.timeout.ms=5000"
    echo "num.network.threads=2"
    echo "num.io.threads=4"
    echo "num.recovery.threads.per.data.dir=1"
    if [[ -n "$KAFKA_EXTRA_PROPERTIES" ]]; then
      echo "# KAFKA_EXTRA_PROPERTIES"
      printf '%s\n' "$KAFKA_EXTRA_PROPERTIES"
    fi
  } >"$PROPS"
}

is_formatted() { [[ -f "$LOG_DIRS/meta.properties" ]]; }

format_storage() {
  local cid out
  # same shape as `kafka-storage random-uuid` (base64url of 16 random bytes),
  # generated here to save a JVM start; Kafka avoids ids starting with '-'
  cid="-"
  while [[ "$cid" == -* ]]; do
    cid="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  log "formatting KRaft storage in $LOG_DIRS (cluster id $cid)"
  if ! out="$(kafka_tool kafka.tools.StorageTool format --config "$PROPS" --cluster-id "$cid" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "StorageTool format failed"
  fi
  echo "$cid" >"$KAFKA_DATA_DIR/cluster.id"
}

# the broker answers a metadata request (lists topics)
metadata_ok() {
  kafka_tool 30 org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1
}

print_tail_and_die() {
  log "---- last 60 lines of $LOG_FILE ----"
  tail -n 60 "$LOG_FILE" >&2 2>/dev/null || true
  log "-------------------------------------"
  die "$1"
}

cmd_start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid), bootstrap $BOOTSTRAP"
    echo "$BOOTSTRAP"
    return 0
  fi
  rm -f "$PID_FILE"
  command -v "$JAVA" >/dev/null || die "java not found (need Java 17+)"
  local p waited=0
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    # a broker that was just killed may still hold its sockets for a moment
    while port_open "$p"; do
      (( waited >= 25 )) && die "port $p already in use by another process (not our broker: no live pid in $PID_FILE)"
      sleep 0.2; waited=$(( waited + 1 ))
    done
  done

  cmd_fetch
  local t0; t0=$(now)

  if [[ -d "$KAFKA_DATA_DIR" && ! -f "$MARKER" ]] && [[ -n "$(ls -A "$KAFKA_DATA_DIR" 2>/dev/null)" ]]; then
    die "$KAFKA_DATA_DIR exists, is not empty and was not created by kafka.sh; refusing to use it"
  fi
  mkdir -p "$KAFKA_DATA_DIR" "$LOG_DIRS"
  touch "$MARKER"
  if [[ -f "$KAFKA_DATA_DIR/kafka.version" && "$(cat "$KAFKA_DATA_DIR/kafka.version")" != "$KAFKA_VERSION" ]]; then
    log "WARNING: data dir was last used by Kafka $(cat "$KAFKA_DATA_DIR/kafka.version"), now starting $KAFKA_VERSION (run 'reset' if it fails)"
  fi
  write_logging_config
  write_server_properties
  if is_formatted; then
    log "storage already formatted (cluster id $(sed -n 's/^cluster.id=//p' "$LOG_DIRS/meta.properties")), reusing $LOG_DIRS"
  else
    format_storage
  fi
  echo "$KAFKA_VERSION" >"$KAFKA_DATA_DIR/kafka.version"

  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  local -a logopt
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    logopt=(-Dlog4j2.configurationFile="$KAFKA_DATA_DIR/log4j2.properties")
  else
    logopt=(-Dlog4j.configuration="file:$KAFKA_DATA_DIR/log4j.properties")
  fi
  # shellcheck disable=SC2086  # KAFKA_HEAP / KAFKA_JVM_OPTS are word lists
  (
    cd "$KAFKA_DATA_DIR"
    exec 8>&- 9<&-   # do not let the broker inherit (and hold) our flock fds
    exec setsid "$JAVA" $KAFKA_HEAP \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true "${logopt[@]}" \
      -Dkafka.logs.dir="$KAFKA_DATA_DIR" \
      $KAFKA_JVM_OPTS \
      -cp "$LIBS/*" kafka.Kafka "$PROPS"
  ) </dev/null >"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started Kafka $KAFKA_VERSION (pid $pid), log $LOG_FILE; waiting up to ${KAFKA_START_TIMEOUT}s for $BOOTSTRAP ..."

  local deadline=$(( t0 + KAFKA_START_TIMEOUT )) port_since=''
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      rm -f "$PID_FILE"
      print_tail_and_die "broker process exited during startup"
    fi
    # The port is bound a few seconds before requests are served; the broker
    # logs "Kafka Server started" once it is unfenced and serving. Then confirm
    # with a real metadata request (fallback: try it 20s after the port opened).
    if port_open "$KAFKA_PORT"; then
      [[ -n "$port_since" ]] || port_since=$(now)
      if grep -q 'Kafka Server started' "$LOG_FILE" 2>/dev/null || (( $(now) - port_since >= 20 )); then
        if metadata_ok; then break; fi
      fi
    fi
    if (( $(now) >= deadline )); then
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$PID_FILE"
      print_tail_and_die "broker not ready after ${KAFKA_START_TIMEOUT}s (killed)"
    fi
    sleep 0.5
  done
  log "Kafka $KAFKA_VERSION ready in $(( $(now) - t0 ))s: bootstrap $BOOTSTRAP (pid $pid, data $KAFKA_DATA_DIR)"
  echo "$BOOTSTRAP"
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping Kafka (pid $pid, SIGTERM, up to ${KAFKA_STOP_TIMEOUT}s) ..."
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$KAFKA_STOP_TIMEOUT"; then
    log "still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid did not die"
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_kill() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || die "pid $pid did not die"
  rm -f "$PID_FILE"
  log "killed Kafka (pid $pid, SIGKILL); data kept in $KAFKA_DATA_DIR"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    echo "stopped (version $KAFKA_VERSION, data $KAFKA_DATA_DIR)"
    return 3
  fi
  if port_open "$KAFKA_PORT"; then
    echo "running pid=$pid bootstrap=$BOOTSTRAP version=$KAFKA_VERSION data=$KAFKA_DATA_DIR"
    return 0
  fi
  echo "starting pid=$pid (port $KAFKA_PORT not open yet) data=$KAFKA_DATA_DIR"
  return 4
}

cmd_reset() {
  cmd_stop
  if [[ ! -e "$KAFKA_DATA_DIR" ]]; then
    log "nothing to delete ($KAFKA_DATA_DIR does not exist)"
    return 0
  fi
  [[ -f "$MARKER" ]] || die "$KAFKA_DATA_DIR was not created by kafka.sh (no $(basename "$MARKER")); refusing to delete it"
  rm -rf -- "$KAFKA_DATA_DIR"
  log "deleted $KAFKA_DATA_DIR"
}

cmd_topics() { # pass-through to kafka-topics, e.g. kafka.sh topics --list
  is_fetched || die "jars not fetched; run '$0 fetch' or '$0 start'"
  mkdir -p "$KAFKA_DATA_DIR"; touch "$MARKER"; write_logging_config
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" "$@"
}

cmd_env() {
  cat <<EOF
KAFKA_VERSION=$KAFKA_VERSION
KAFKA_BOOTSTRAP=$BOOTSTRAP
KAFKA_PORT=$KAFKA_PORT
KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
KAFKA_DATA_DIR=$KAFKA_DATA_DIR
KAFKA_CACHE=$KAFKA_CACHE
KAFKA_HEAP=$KAFKA_HEAP
EOF
}

usage() {
  cat <<EOF
usage: $(basename "$0") <command>

  fetch     resolve the Kafka $KAFKA_VERSION jars with Maven into \$KAFKA_CACHE (idempotent)
  start     fetch if needed, format storage once, start the broker, wait until ready;
            prints the bootstrap address ($BOOTSTRAP) on stdout
  stop      SIGTERM, wait up to \$KAFKA_STOP_TIMEOUT s, then SIGKILL
  status    exit 0 running, 3 stopped, 4 starting
  kill      SIGKILL the broker (fault tests); data is kept, 'start' recovers
  restart   stop + start
  reset     stop + delete \$KAFKA_DATA_DIR
  logs      tail -f the broker log
  topics    run kafka-topics against the broker (e.g. 'topics --list')
  env       print the effective configuration

env: KAFKA_VERSION KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_DATA_DIR KAFKA_CACHE KAFKA_HEAP
     KAFKA_JVM_OPTS KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT KAFKA_NUM_PARTITIONS KAFKA_EXTRA_PROPERTIES
EOF
}

# Serialize lifecycle commands of this checkout (two `start`s racing would both
# try to launch a broker). The lock is on this script file, so no lock file is
# left behind and `reset` can delete the whole data dir.
lock_lifecycle() {
  exec 9<"$SCRIPT_DIR/kafka.sh"
  flock -w $(( KAFKA_START_TIMEOUT + KAFKA_STOP_TIMEOUT + 60 )) 9 \
    || die "timed out waiting for another kafka.sh command to finish"
}

main() {
  local cmd="${1:-help}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch|start|stop|kill|restart|reset) lock_lifecycle ;;
  esac
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    kill) cmd_kill ;;
    restart) cmd_stop; cmd_start ;;
    reset) cmd_reset ;;
    logs) exec tail -n 100 -F "$LOG_FILE" ;;
    topics) cmd_topics "$@" ;;
    env) cmd_env ;;
    help|-h|--help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
