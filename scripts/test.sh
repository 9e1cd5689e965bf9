#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs and starts a RabbitMQ broker on loopback
# when none answers, runs the Maven build with all tests, then stops the broker it started.
# Extra arguments go to Maven (e.g. scripts/test.sh -o -pl scalers).
set -euo pipefail
cd "$(dirname "$0")/.."

export RABBITMQ_NODENAME=rabbit@localhost
# Erlang distribution and epmd on loopback too, so nothing of the broker listens outside.
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

started_broker=0
broker_up() { curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

stop_broker() {
  if [ "$started_broker" = 1 ]; then
    echo "== stopping the broker"
    as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl stop >/dev/null 2>&1 || true
  fi
}
trap stop_broker EXIT

configure_broker() {
  # AMQP on 5672 and the management API on 15672, loopback only; guest may log in from localhost.
  as_root mkdir -p /etc/rabbitmq
  printf '%s\n' 'listeners.tcp.default = 127.0.0.1:5672' 'management.tcp.ip = 127.0.0.1' \
    'management.tcp.port = 15672' 'loopback_users.guest = true' | as_root tee /etc/rabbitmq/rabbitmq.conf >/dev/null
  echo '[rabbitmq_management].' | as_root tee /etc/rabbitmq/enabled_plugins >/dev/null
}

if ! broker_up; then
  configure_broker
  if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
    echo "== installing rabbitmq-server"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold \
      rabbitmq-server curl >/dev/null
  fi
  if ! broker_up; then
    echo "== starting rabbitmq-server on loopback"
    as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" ERL_EPMD_ADDRESS="$ERL_EPMD_ADDRESS" \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS" \
      PATH="$PATH:/usr/sbin" rabbitmq-server -detached
    started_broker=1
    for _ in $(seq 1 120); do
      broker_up && break
      sleep 1
    done
  fi
  broker_up || { echo "rabbitmq-server did not come up on 127.0.0.1:15672" >&2; exit 1; }
fi
echo "== broker ready at amqp://127.0.0.1:5672 and http://127.0.0.1:15672"

export EBBFLOW_RABBITMQ_AMQP_URL="amqp://guest:guest@127.0.0.1:5672/"
export EBBFLOW_RABBITMQ_HTTP_URL="http://guest:guest@127.0.0.1:15672/"
mvn -B -ntp verify "$@"
