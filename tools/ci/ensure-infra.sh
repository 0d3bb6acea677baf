#!/usr/bin/env bash
# Makes sure the real infrastructure is up: PostgreSQL on 127.0.0.1:5432 and a Kafka broker on
# 127.0.0.1:${KAFKA_PORT:-9092}. Starts what is down; prints "kafka-started" when it started Kafka,
# so the caller knows to stop it again.
set -euo pipefail
repo="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "[infra] PostgreSQL is down: starting it" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start >&2
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 >&2
fi

if (exec 3<>"/dev/tcp/127.0.0.1/${KAFKA_PORT:-9092}") 2>/dev/null; then
  echo "[infra] a Kafka broker already answers on 127.0.0.1:${KAFKA_PORT:-9092}" >&2
else
  "$repo/tools/kafka/kafka.sh" start >&2
  echo kafka-started
fi
