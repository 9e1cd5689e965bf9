#!/usr/bin/env bash
# The real-API-server benchmark of N ScaledObjects (issue 18, section 1): the loopback control plane,
# the real RabbitMQ broker (EBBFLOW_RABBITMQ_AMQP_URL, default loopback), the operator as a separate JVM
# run as the chart runs it (see RealApiServerBenchmark).
#   scripts/apiscale-benchmark.sh [N=10000] [existing|running] [control-plane dir=/tmp/cp-apiscale-bench]
# Starts a control plane in the given directory unless one runs there already; leaves it running.
# EBBFLOW_BENCH_OPERATOR_JVM_OPTS adds flags to the operator's JVM (e.g. a flight recording of the start,
# -XX:StartFlightRecording=filename=/tmp/start.jfr,settings=profile); EBBFLOW_BENCH_START_ONLY=1 stops after the
# start (every HPA, the metrics API and the operator's CPU meanwhile), without the probes and the steady state.
set -euo pipefail
N=${1:-10000}
MODE=${2:-existing}
CP=${3:-/tmp/cp-apiscale-bench}
cd "$(dirname "$0")/.."
if [ ! -f "$CP/kc/admin.kubeconfig" ] || ! KUBECONFIG="$CP/kc/admin.kubeconfig" kubectl get --raw /readyz >/dev/null 2>&1; then
  scripts/control-plane.sh up "$CP" >/dev/null
fi
export KUBECONFIG="$CP/kc/admin.kubeconfig"
# as a user installs them; a fresh control plane has none
kubectl apply --server-side --force-conflicts -f crds/ >/dev/null
kubectl wait --for=condition=Established crd --all --timeout=60s >/dev/null
PORT=$(grep -o "https://127.0.0.1:[0-9]*" "$KUBECONFIG" | head -1 | sed "s/.*://")
APISERVER=$(pgrep -f "^[^ ]*/kube-apiserver .*--secure-port=$PORT" | head -1)
mvn -o -q -pl operator -am test-compile
mvn -o -q -pl operator dependency:build-classpath -Dmdep.outputFile=/tmp/apiscale-bench.cp >/dev/null
CLASSPATH_ALL="operator/target/test-classes:operator/target/classes:crds/target/classes:scalers/target/classes:provisioner/target/classes:testkit/target/classes:$(cat /tmp/apiscale-bench.cp)"
KUBECONFIG="$KUBECONFIG" java -cp "$CLASSPATH_ALL" dev.ebbflow.operator.apiscale.RealApiServerBenchmark "$N" "$MODE" "$CLASSPATH_ALL" "$APISERVER"
