#!/usr/bin/env bash
# Renders the shipped Grafana dashboards (deploy/grafana/*.json) to docs/images/dashboard-*.png from
# real series: it starts a local control plane (scripts/control-plane.sh), the operator
# (operator/target/ebbflow.jar, `ebbflow run`) with its external metrics API registered in the
# aggregation layer, and a Prometheus that scrapes the operator every 5 s; then it drives a RabbitMQ
# queue up and down for a few minutes so that ScaledObjects scale, pods go pending, simulated nodes are
# launched and removed again. Each panel's query is then evaluated by that Prometheus and drawn by
# scripts/render-dashboards.py (not Grafana), and headless Chromium takes the screenshot.
#
#   scripts/render-dashboards.sh [MINUTES]     (default 6: the length of the driven scenario)
#
# Needs: JDK 17 and Maven (the jar), kubectl, openssl, curl, python3, a RabbitMQ broker with the
# management plugin at $EBBFLOW_RABBITMQ_HTTP_URL (default http://guest:guest@127.0.0.1:15672/, AMQP
# at $EBBFLOW_RABBITMQ_AMQP_URL), and Debian's prometheus and chromium packages (installed with
# apt-get when missing). Panels that read kube-state-metrics (replicas, HPA targets) show "No data":
# no kube-state-metrics runs here. Before drawing, it checks the chart's alerting rules with promtool
# when operator/target/ebbflow-rules.yaml exists (written by HelmChartMonitoringTest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=${1:-6}
amqp=${EBBFLOW_RABBITMQ_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/}
rabbit_http=${EBBFLOW_RABBITMQ_HTTP_URL:-http://guest:guest@127.0.0.1:15672/}
rabbit_http=${rabbit_http%/}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
for pkg in prometheus:prometheus chromium:chromium; do
  command -v "${pkg%%:*}" >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg##*:}" >/dev/null; }
done
curl -fsS "$rabbit_http/api/overview" >/dev/null || { echo "render-dashboards: no RabbitMQ management API at $rabbit_http" >&2; exit 1; }

work=$(mktemp -d /tmp/ebbflow-render.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$root/scripts/control-plane.sh" down "$work/cp" >/dev/null 2>&1 || true
  curl -fsS -X DELETE "$rabbit_http/api/queues/%2f/render-orders" >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { echo "render-dashboards: $*" >&2; }

if [ -f "$root/operator/target/ebbflow-rules.yaml" ] && command -v promtool >/dev/null; then
  python3 - "$root/operator/target/ebbflow-rules.yaml" "$work/rules.yaml" <<'EOF'
import sys
# The test writes the PrometheusRule's spec; promtool wants the same groups in a plain rule file.
open(sys.argv[2], "w").write(open(sys.argv[1]).read().replace("---\n", "", 1))
EOF
  promtool check rules "$work/rules.yaml" >&2
fi

log "building the operator jar"
(cd "$root" && mvn -B -q -DskipTests -pl operator -am package) >&2
log "starting a control plane in $work/cp"
export KUBECONFIG
KUBECONFIG=$("$root/scripts/control-plane.sh" up "$work/cp" | tail -1)
kubectl apply -f "$root/deploy/helm/ebbflow/crds/" >/dev/null
kubectl create namespace demo >/dev/null

# The metrics API's serving certificate, for the name the aggregator checks (<service>.<namespace>.svc).
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=ebbflow-metrics-api.demo.svc" \
  -addext "subjectAltName=DNS:ebbflow-metrics-api.demo.svc,DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
metrics_port=$(free_port)
api_port=$(free_port)
log "starting the operator (metrics on :$metrics_port, external metrics API on :$api_port)"
java -jar "$root/operator/target/ebbflow.jar" run --watch-namespaces=demo --operator-namespace=demo --no-leader-election \
  --metrics-port="$metrics_port" --metrics-api-port="$api_port" --tls-cert-file="$work/tls.crt" --tls-private-key-file="$work/tls.key" \
  >"$work/operator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$metrics_port/readyz" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$metrics_port/readyz" >/dev/null || { tail -40 "$work/operator.log" >&2; exit 1; }

kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata: {name: ebbflow-metrics-api, namespace: demo}
spec: {type: ExternalName, externalName: localhost, ports: [{name: https, port: $api_port}]}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.external.metrics.k8s.io}
spec:
  group: external.metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  caBundle: $(base64 -w0 "$work/tls.crt")
  service: {name: ebbflow-metrics-api, namespace: demo, port: $api_port}
EOF

prom_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 5s, evaluation_interval: 5s}
scrape_configs:
  - job_name: ebbflow
    static_configs: [{targets: ["127.0.0.1:$metrics_port"]}]
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)
start=$(date +%s)

# The scenario: a queue-driven worker on a NodePool of simulated machines (two zones, spot and
# on-demand), a ScaledObject whose broker is unreachable (errors, then fallback replicas), and one
# with a missing queue name (not Ready).
kubectl apply -n demo -f - >/dev/null <<EOF
apiVersion: ebbflow.dev/v1alpha1
kind: SimulatedNodeClass
metadata: {name: render}
spec:
  zones: [zone-a, zone-b]
  capacityTypes: [spot, on-demand]
  instanceFamilies: [{name: c, memoryGiBPerVCpu: 2}, {name: m, memoryGiBPerVCpu: 4}]
  sizes: [2, 4, 8]
  bootDelay: 5s
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: general}
spec:
  template:
    spec:
      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: render}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 20s}
  limits: {cpu: "48"}
EOF
for app in orders payments legacy; do
  kubectl apply -n demo -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: $app}
spec:
  replicas: 0
  selector: {matchLabels: {app: $app}}
  template:
    metadata: {labels: {app: $app}}
    spec:
      tolerations: [{key: ebbflow.dev/simulated, operator: Exists, effect: NoSchedule}]
      containers:
        - name: worker
          image: registry.example.com/worker:1
          resources: {requests: {cpu: "1", memory: 1Gi}}
EOF
done
kubectl apply -n demo -f - >/dev/null <<EOF
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: orders}
spec:
  scaleTargetRef: {name: orders}
  pollingInterval: 5
  cooldownPeriod: 30
  maxReplicaCount: 20
  triggers:
    - type: rabbitmq
      metadata: {host: "$amqp", queueName: render-orders, mode: QueueLength, value: "10"}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: payments}
spec:
  scaleTargetRef: {name: payments}
  pollingInterval: 5
  maxReplicaCount: 5
  fallback: {failureThreshold: 3, replicas: 2}
  triggers:
    - type: rabbitmq
      metadata: {host: "amqp://guest:guest@127.0.0.1:1/", queueName: payments, mode: QueueLength, value: "10"}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: legacy}
spec:
  scaleTargetRef: {name: legacy}
  triggers:
    - type: rabbitmq
      metadata: {host: "$amqp", mode: QueueLength, value: "10"}
EOF

curl -fsS -X PUT -H 'content-type: application/json' -d '{"durable":false}' "$rabbit_http/api/queues/%2f/render-orders" >/dev/null
publish() {
  local n=$1
  for _ in $(seq 1 "$n"); do
    curl -fsS -X POST -H 'content-type: application/json' \
      -d '{"properties":{},"routing_key":"render-orders","payload":"order","payload_encoding":"string"}' \
      "$rabbit_http/api/exchanges/%2f/amq.default/publish" >/dev/null
  done
}
purge() { curl -fsS -X DELETE "$rabbit_http/api/queues/%2f/render-orders/contents" >/dev/null; }

phase=$((minutes * 60 / 6))
log "scenario: ${minutes} min (idle, a burst of 150 messages, drained, a second burst of 60, drained)"
sleep "$phase"; publish 150
sleep $((2 * phase)); purge
sleep "$phase"; publish 60
sleep "$phase"; purge
sleep "$phase"
end=$(date +%s)

mkdir -p "$root/docs/images"
caption="rendered by scripts/render-dashboards.sh from a real operator, control plane and Prometheus; $(date -u +%Y-%m-%d)"
for dashboard in "$root"/deploy/grafana/*.json; do
  name=$(basename "$dashboard" .json)
  height=$(python3 "$root/scripts/render-dashboards.py" "http://127.0.0.1:$prom_port" "$dashboard" "$work/$name.html" "$start" "$end" "$caption")
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="1600,$height" \
    --screenshot="$root/docs/images/dashboard-${name#ebbflow-}.png" "file://$work/$name.html" >/dev/null 2>&1
  log "wrote docs/images/dashboard-${name#ebbflow-}.png"
done
