#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs and starts a RabbitMQ broker on loopback
# when none answers, runs the Maven build with all tests, then stops the broker it started.
set -euo pipefail
cd "$(dirname "$0")/.."

started_broker=0
export RABBITMQ_NODENAME=rabbit@localhost
broker_up() { curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1; }

stop_broker() {
  if [ "$started_broker" = 1 ]; then
    rabbitmqctl stop >/dev/null 2>&1 || true
  fi
}
trap stop_broker EXIT

if ! broker_up; then
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    echo "== installing rabbitmq-server"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq rabbitmq-server curl >/dev/null
  fi
  echo "== starting rabbitmq-server on loopback"
  # Loopback only: AMQP on 5672, management API on 15672; guest may log in from localhost.
  mkdir -p /etc/rabbitmq
  cat > /etc/rabbitmq/rabbitmq.conf <<'CONF'
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
loopback_users.guest = true
CONF
  echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins
  # Erlang distribution and epmd on loopback too, so nothing of the broker listens outside.
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  rabbitmq-server -detached
  started_broker=1
  for _ in $(seq 1 90); do
    broker_up && break
    sleep 1
  done
  broker_up || { echo "rabbitmq-server did not come up" >&2; exit 1; }
fi
echo "== broker ready at amqp://127.0.0.1:5672 and http://127.0.0.1:15672"

export EBBFLOW_RABBITMQ_AMQP_URL="amqp://guest:guest@127.0.0.1:5672/"
export EBBFLOW_RABBITMQ_HTTP_URL="http://guest:guest@127.0.0.1:15672/"
mvn -B -ntp verify "$@"
