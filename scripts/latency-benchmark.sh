#!/usr/bin/env bash
# The end-to-end latency benchmark (issue 18, section 2): a RabbitMQ burst that needs N more replicas than
# the current nodes hold, timed from the broker's confirmation to the HPA's desired replicas, pods created,
# NodeClaims created, nodes Ready, pods bound and pods Running (see BurstLatencyBenchmark), on the loopback
# control plane with Kubernetes' default HPA sync period (15 s), the real broker (EBBFLOW_RABBITMQ_AMQP_URL /
# EBBFLOW_RABBITMQ_HTTP_URL, default loopback), the operator as a separate JVM as the chart runs it and the
# simulated cloud.
#   scripts/latency-benchmark.sh [defaults|ebbflow|both=both] [sizes=10,100,500] [bursts=3] [boot delay=45s] [control-plane dir=/tmp/cp-latency-bench]
# defaults: KEDA's and Karpenter's (pollingInterval 30 s, batch idle 1 s / max 10 s, provision-ahead off);
# ebbflow: pollingInterval $LATENCY_POLLING_INTERVAL s (1), provision-ahead on, batch idle $LATENCY_BATCH_IDLE (200ms)
# / max $LATENCY_BATCH_MAX (2s). Starts a control plane in the directory unless one runs there already (it
# must sync HPAs every 15 s); leaves it running. Writes the tables to target/latency-benchmark-<config>.txt.
set -euo pipefail
CONFIG=${1:-both}
SIZES=${2:-10,100,500}
BURSTS=${3:-3}
BOOT=${4:-45s}
CP=${5:-/tmp/cp-latency-bench}
cd "$(dirname "$0")/.."
KC="$CP/kc/admin.kubeconfig"
if [ -f "$KC" ] && KUBECONFIG="$KC" kubectl get --raw /readyz >/dev/null 2>&1; then
  sync=$(tr '\0' ' ' <"/proc/$(cat "$CP/run/kcm.pid")/cmdline" | grep -o 'horizontal-pod-autoscaler-sync-period=[^ ]*' | cut -d= -f2 | tr -d '"')
  if [ "$sync" != 15s ]; then
    echo "latency-benchmark: the control plane in $CP syncs HPAs every $sync, not Kubernetes' default 15s; name another directory" >&2
    exit 1
  fi
else
  EBBFLOW_HPA_SYNC_PERIOD=15s scripts/control-plane.sh up "$CP" >/dev/null
fi
case "$CONFIG" in
  both) configs="ebbflow defaults" ;;
  defaults|ebbflow) configs=$CONFIG ;;
  *) echo "latency-benchmark: configuration must be defaults, ebbflow or both, got $CONFIG" >&2; exit 2 ;;
esac
mkdir -p target
for c in $configs; do
  args="$c $SIZES $BURSTS $BOOT"
  [ "$c" = ebbflow ] && args="$args ${LATENCY_POLLING_INTERVAL:-1} ${LATENCY_BATCH_IDLE:-200ms} ${LATENCY_BATCH_MAX:-2s}"
  EBBFLOW_TEST_KUBECONFIG="$KC" mvn -o -q -pl src/test -am test-compile -Platency-bench -Dbench.args="$args" | tee "target/latency-benchmark-$c.txt"
done
