#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs and starts a RabbitMQ broker on loopback
# when none answers, starts one real Kubernetes control plane on loopback for the whole run
# (binaries from $EBBFLOW_K8S_ASSETS, else unpacked from ../shared/k8s; etcd installed when missing),
# runs the Maven build with all tests, then stops what it started.
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

cp_state=""
stop_all() {
  if [ -n "$cp_state" ]; then
    echo "== stopping the control plane"
    bash scripts/control-plane.sh down "$cp_state" || true
    rm -rf "$cp_state"
  fi
  if [ "$started_broker" = 1 ]; then
    echo "== stopping the broker"
    as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" rabbitmqctl stop >/dev/null 2>&1 || true
  fi
}
trap stop_all EXIT

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

# The Kubernetes server binaries: given, or unpacked once from the workspace's archive.
k8s_version=v1.28.0
k8s_archive=../shared/k8s/kubernetes-$k8s_version-linux-amd64.tar.xz
if [ -z "${EBBFLOW_K8S_ASSETS:-}" ]; then
  export EBBFLOW_K8S_ASSETS="${XDG_CACHE_HOME:-$HOME/.cache}/ebbflow/k8s/$k8s_version"
  if [ ! -x "$EBBFLOW_K8S_ASSETS/kube-apiserver" ]; then
    [ -f "$k8s_archive" ] || { echo "no Kubernetes server binaries: set EBBFLOW_K8S_ASSETS (see README, Tests)" >&2; exit 1; }
    echo "== unpacking $k8s_archive"
    mkdir -p "$EBBFLOW_K8S_ASSETS"
    tar -xJf "$k8s_archive" -C "$EBBFLOW_K8S_ASSETS"
  fi
fi
if [ -z "${EBBFLOW_TEST_KUBECONFIG:-}" ]; then
  cp_state=$(mktemp -d "${TMPDIR:-/tmp}/ebbflow-cp.XXXXXX")
  echo "== starting the control plane ($EBBFLOW_K8S_ASSETS)"
  EBBFLOW_TEST_KUBECONFIG=$(bash scripts/control-plane.sh up "$cp_state")
  export EBBFLOW_TEST_KUBECONFIG
fi
echo "== control plane ready: $EBBFLOW_TEST_KUBECONFIG"

export EBBFLOW_RABBITMQ_AMQP_URL="amqp://guest:guest@127.0.0.1:5672/"
export EBBFLOW_RABBITMQ_HTTP_URL="http://guest:guest@127.0.0.1:15672/"
mvn -B -ntp verify "$@"
