#!/usr/bin/env bash
# A real Kubernetes control plane on loopback for the tests: etcd, kube-apiserver (with the
# aggregation layer), kube-controller-manager (HPA every 5 s, node lifecycle) and kube-scheduler; no
# kubelet (the simulated cloud plays the nodes). EBBFLOW_HPA_SYNC_PERIOD sets kube-controller-manager's
# --horizontal-pod-autoscaler-sync-period (default 5s; Kubernetes' own default is 15s);
# EBBFLOW_SCHEDULER_QPS / EBBFLOW_SCHEDULER_BURST kube-scheduler's client limit (default 50 / 100, its own).
#   scripts/control-plane.sh up STATE_DIR     starts it on free ports, prints the admin kubeconfig path
#   scripts/control-plane.sh down STATE_DIR   stops what `up` started there
# The binaries (kube-apiserver, kube-controller-manager, kube-scheduler) are taken from
# $EBBFLOW_K8S_ASSETS, as envtest takes them from KUBEBUILDER_ASSETS; etcd from PATH (Debian's
# etcd-server, installed when missing). Each STATE_DIR is one control plane: several can run at once.
set -euo pipefail
cmd=${1:?usage: control-plane.sh up|down STATE_DIR}
st=${2:?usage: control-plane.sh up|down STATE_DIR}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "$cmd" = down ]; then
  for p in sched kcm apiserver etcd; do
    [ -f "$st/run/$p.pid" ] && kill "$(cat "$st/run/$p.pid")" 2>/dev/null || true
  done
  for _ in $(seq 1 20); do
    alive=0
    for p in sched kcm apiserver etcd; do
      [ -f "$st/run/$p.pid" ] && kill -0 "$(cat "$st/run/$p.pid")" 2>/dev/null && alive=1
    done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for p in sched kcm apiserver etcd; do
    [ -f "$st/run/$p.pid" ] && kill -9 "$(cat "$st/run/$p.pid")" 2>/dev/null || true
    rm -f "$st/run/$p.pid"
  done
  exit 0
fi
[ "$cmd" = up ] || { echo "usage: control-plane.sh up|down STATE_DIR" >&2; exit 2; }

bin=${EBBFLOW_K8S_ASSETS:-${XDG_CACHE_HOME:-$HOME/.cache}/ebbflow/k8s/v1.28.0}
for b in kube-apiserver kube-controller-manager kube-scheduler; do
  if [ -z "$bin" ] || [ ! -x "$bin/$b" ]; then
    echo "control-plane: $b not found in EBBFLOW_K8S_ASSETS='$bin'; set it to a folder holding kube-apiserver," \
      "kube-controller-manager and kube-scheduler (Kubernetes server binaries for linux/amd64, v1.28.0 tested)" >&2
    exit 1
  fi
done
if ! command -v etcd >/dev/null 2>&1; then
  echo "control-plane: installing etcd-server" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
fi
command -v openssl >/dev/null 2>&1 || { echo "control-plane: openssl is missing" >&2; exit 1; }

# A port nobody listens on now; ports are taken from a range away from the usual services and
# ephemeral ports, so two control planes started one after the other do not collide.
used_ports=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 12000 ))
    case "$used_ports" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then used_ports="$used_ports$p "; echo "$p"; return; fi
  done
  echo "control-plane: no free port" >&2; exit 1
}
api_port=$(free_port); etcd_port=$(free_port); peer_port=$(free_port); etcd_metrics=$(free_port)
kcm_port=$(free_port); sched_port=$(free_port)

mkdir -p "$st"/{pki,run,logs,kc}
P=$st/pki
sign() { # name cn org ext ca
  openssl genrsa -out "$P/$1.key" 2048 2>/dev/null
  openssl req -new -key "$P/$1.key" -subj "/CN=$2${3:+/O=$3}" -out "$P/$1.csr" 2>/dev/null
  printf '%s\n' "$4" > "$P/$1.ext"
  openssl x509 -req -in "$P/$1.csr" -CA "$P/$5.crt" -CAkey "$P/$5.key" -CAcreateserial -days 30 \
    -extfile "$P/$1.ext" -out "$P/$1.crt" 2>/dev/null
}
if [ ! -f "$P/ca.crt" ]; then
  for ca in ca front-proxy-ca; do
    openssl genrsa -out "$P/$ca.key" 2048 2>/dev/null
    openssl req -x509 -new -key "$P/$ca.key" -subj "/CN=$ca" -days 30 -out "$P/$ca.crt" 2>/dev/null
  done
  openssl genrsa -out "$P/sa.key" 2048 2>/dev/null
  openssl rsa -in "$P/sa.key" -pubout -out "$P/sa.pub" 2>/dev/null
  sign apiserver kube-apiserver "" "subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc
extendedKeyUsage=serverAuth" ca
  sign front-proxy-client front-proxy-client "" "extendedKeyUsage=clientAuth" front-proxy-ca
  sign admin admin system:masters "extendedKeyUsage=clientAuth" ca
  sign kcm system:kube-controller-manager "" "extendedKeyUsage=clientAuth" ca
  sign sched system:kube-scheduler "" "extendedKeyUsage=clientAuth" ca
fi
for who in admin kcm sched; do
  cat > "$st/kc/$who.kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: cp, cluster: {server: "https://127.0.0.1:$api_port", certificate-authority: "$P/ca.crt"}}]
users: [{name: $who, user: {client-certificate: "$P/$who.crt", client-key: "$P/$who.key"}}]
contexts: [{name: cp, context: {cluster: cp, user: $who}}]
current-context: cp
KC
done

start() { # name cmd...
  local n=$1; shift
  # The daemons outlive this script: they must not inherit its other descriptors, or a caller's
  # lock (`flock lockfile scripts/control-plane.sh up ...`) stays held for as long as they run.
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
    done
    exec nohup "$@" >"$st/logs/$n.log" 2>&1
  ) &
  echo $! >"$st/run/$n.pid"
}
fail() {
  echo "control-plane: $1 did not start; last lines of $st/logs/$2.log:" >&2
  tail -n 20 "$st/logs/$2.log" >&2 || true
  "$0" down "$st"
  exit 1
}

start etcd etcd --name cp --data-dir "$st/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" --initial-cluster "cp=http://127.0.0.1:$peer_port" \
  --listen-metrics-urls "http://127.0.0.1:$etcd_metrics" --quota-backend-bytes=4294967296
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$etcd_port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$etcd_port/health" >/dev/null 2>&1 || fail etcd etcd

start apiserver "$bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 \
  --secure-port="$api_port" --advertise-address=127.0.0.1 --tls-cert-file="$P/apiserver.crt" \
  --tls-private-key-file="$P/apiserver.key" --client-ca-file="$P/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 --authorization-mode=Node,RBAC --endpoint-reconciler-type=none \
  --allow-privileged=true --requestheader-client-ca-file="$P/front-proxy-ca.crt" \
  --requestheader-allowed-names=front-proxy-client --requestheader-username-headers=X-Remote-User \
  --requestheader-group-headers=X-Remote-Group --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$P/front-proxy-client.crt" --proxy-client-key-file="$P/front-proxy-client.key"
ready() { curl -sf --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1; }
for _ in $(seq 1 120); do ready && break; sleep 0.5; done
ready || fail kube-apiserver apiserver

start kcm "$bin/kube-controller-manager" --kubeconfig="$st/kc/kcm.kubeconfig" \
  --authentication-kubeconfig="$st/kc/kcm.kubeconfig" --authorization-kubeconfig="$st/kc/kcm.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$kcm_port" --leader-elect=false --controllers='*' \
  --horizontal-pod-autoscaler-sync-period="${EBBFLOW_HPA_SYNC_PERIOD:-5s}" --service-account-private-key-file="$P/sa.key" \
  --root-ca-file="$P/ca.crt" --use-service-account-credentials=true \
  --cluster-signing-cert-file="$P/ca.crt" --cluster-signing-key-file="$P/ca.key"
start sched "$bin/kube-scheduler" --kubeconfig="$st/kc/sched.kubeconfig" \
  --authentication-kubeconfig="$st/kc/sched.kubeconfig" --authorization-kubeconfig="$st/kc/sched.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$sched_port" --leader-elect=false \
  --kube-api-qps="${EBBFLOW_SCHEDULER_QPS:-50}" --kube-api-burst="${EBBFLOW_SCHEDULER_BURST:-100}"
healthy() { curl -sfk "https://127.0.0.1:$1/healthz" >/dev/null 2>&1; }
for _ in $(seq 1 120); do healthy "$kcm_port" && healthy "$sched_port" && break; sleep 0.5; done
healthy "$kcm_port" || fail kube-controller-manager kcm
healthy "$sched_port" || fail kube-scheduler sched
echo "$st/kc/admin.kubeconfig"
