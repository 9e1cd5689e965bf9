#!/bin/bash
# Joins this VM to AKS cluster test-cluster as node default-abc12 (AzureLinux, Standard_D2ps_v5)
set -euo pipefail
mkdir -p /etc/kubernetes/certs /var/lib/kubelet
cat > /etc/kubernetes/certs/ca.crt <<'EOF'
-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVy
-----END CERTIFICATE-----
EOF
cat > /etc/default/kubelet <<'EOF'
KUBELET_FLAGS=--bootstrap-kubeconfig=/var/lib/kubelet/bootstrap-kubeconfig --kubeconfig=/var/lib/kubelet/kubeconfig --rotate-certificates=true --max-pods=110 --node-labels=karpenter.azure.com/sku-cpu=2,karpenter.azure.com/sku-family=D,karpenter.azure.com/sku-memory=8192,karpenter.azure.com/sku-name=Standard_D2ps_v5,karpenter.azure.com/sku-networking-accelerated=true,karpenter.azure.com/sku-series=Dps_v5,karpenter.azure.com/sku-storage-ephemeralos-maxsize=50,karpenter.azure.com/sku-storage-premium-capable=true,karpenter.azure.com/sku-version=5,karpenter.sh/capacity-type=on-demand,karpenter.sh/nodepool=default,kubernetes.io/arch=arm64,kubernetes.io/os=linux,node.kubernetes.io/instance-type=Standard_D2ps_v5,topology.kubernetes.io/zone=westeurope-1 --register-with-taints=node.cilium.io/agent-not-ready=true:NoExecute --kube-reserved=cpu=100m,memory=1894Mi --eviction-hard=memory.available<100Mi,nodefs.available<10%
EOF
(umask 077; cat > /var/lib/kubelet/bootstrap-kubeconfig <<'EOF'
apiVersion: v1
kind: Config
clusters:
- name: test-cluster
  cluster:
    server: https://test-cluster.hcp.westeurope.azmk8s.io:443
    certificate-authority: /etc/kubernetes/certs/ca.crt
users:
- name: kubelet-bootstrap
  user:
    token: "07401b.f395accd246ae52d"
contexts:
- name: bootstrap
  context: {cluster: test-cluster, user: kubelet-bootstrap}
current-context: bootstrap
EOF
)
systemctl enable --now kubelet
