#!/bin/bash
# Joins this VM to AKS cluster test-cluster as node default-abc12 (AzureLinux, Standard_D2ps_v5)
set -euo pipefail
mkdir -p /etc/kubernetes/certs /etc/kubernetes/manifests /var/lib/kubelet
cat > /etc/kubernetes/certs/ca.crt <<'EOF'
-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVy
-----END CERTIFICATE-----
EOF
(umask 077; cat > /etc/kubernetes/azure.json <<'EOF'
{
  "cloud" : "AzurePublicCloud",
  "tenantId" : "72f988bf-0000-0000-0000-000000000002",
  "subscriptionId" : "00000000-0000-0000-0000-000000000001",
  "resourceGroup" : "MC_rg_test_westeurope",
  "location" : "westeurope",
  "vmType" : "vmss",
  "subnetName" : "nodes",
  "vnetName" : "aks-vnet",
  "vnetResourceGroup" : "rg",
  "cloudProviderBackoff" : true,
  "cloudProviderBackoffMode" : "v2",
  "cloudProviderBackoffRetries" : 6,
  "cloudProviderBackoffExponent" : 0,
  "cloudProviderBackoffDuration" : 5,
  "cloudProviderBackoffJitter" : 0,
  "cloudProviderRateLimit" : true,
  "cloudProviderRateLimitQPS" : 10,
  "cloudProviderRateLimitQPSWrite" : 10,
  "cloudProviderRateLimitBucket" : 100,
  "cloudProviderRateLimitBucketWrite" : 100,
  "useManagedIdentityExtension" : true,
  "userAssignedIdentityID" : "5d4a3e21-0000-0000-0000-000000000003",
  "useInstanceMetadata" : true,
  "loadBalancerSku" : "Standard",
  "disableOutboundSNAT" : false,
  "excludeMasterFromStandardLB" : true,
  "maximumLoadBalancerRuleCount" : 250
}
EOF
)
cat > /etc/sysctl.d/90-kubelet.conf <<'EOF'
vm.overcommit_memory=1
vm.panic_on_oom=0
kernel.panic=10
kernel.panic_on_oops=1
kernel.keys.root_maxkeys=1000000
kernel.keys.root_maxbytes=25000000
EOF
sysctl -p /etc/sysctl.d/90-kubelet.conf >/dev/null
cat > /etc/default/kubelet <<'EOF'
KUBELET_FLAGS=--address=0.0.0.0 --anonymous-auth=false --authentication-token-webhook=true --authorization-mode=Webhook --bootstrap-kubeconfig=/var/lib/kubelet/bootstrap-kubeconfig --cgroups-per-qos=true --client-ca-file=/etc/kubernetes/certs/ca.crt --cloud-provider=external --cluster-dns=10.1.0.10 --cluster-domain=cluster.local --enforce-node-allocatable=pods --event-qps=0 --eviction-hard=memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5% --image-gc-high-threshold=85 --image-gc-low-threshold=80 --kube-reserved=cpu=100m,memory=1894Mi --kubeconfig=/var/lib/kubelet/kubeconfig --max-pods=110 --node-labels=karpenter.azure.com/sku-cpu=2,karpenter.azure.com/sku-family=D,karpenter.azure.com/sku-memory=8192,karpenter.azure.com/sku-name=Standard_D2ps_v5,karpenter.azure.com/sku-networking-accelerated=true,karpenter.azure.com/sku-series=Dps_v5,karpenter.azure.com/sku-storage-ephemeralos-maxsize=50,karpenter.azure.com/sku-storage-premium-capable=true,karpenter.azure.com/sku-version=5,karpenter.sh/capacity-type=on-demand,karpenter.sh/nodepool=default,kubernetes.azure.com/azure-cni-overlay=true,kubernetes.azure.com/cluster=MC_rg_test_westeurope,kubernetes.azure.com/ebpf-dataplane=cilium,kubernetes.azure.com/kubelet-identity-client-id=5d4a3e21-0000-0000-0000-000000000003,kubernetes.azure.com/mode=user,kubernetes.azure.com/network-subnet=nodes,kubernetes.azure.com/node-image-version=AKSAzureLinux-V3gen2arm64-202511.07.0,kubernetes.azure.com/nodenetwork-vnetguid=0c6e1f2a-0000-0000-0000-000000000004,kubernetes.azure.com/os-sku=AzureLinux,kubernetes.azure.com/podnetwork-type=overlay,kubernetes.azure.com/priority=regular,kubernetes.azure.com/role=agent,kubernetes.azure.com/scalesetpriority=regular,kubernetes.azure.com/sku-cpu=2,kubernetes.azure.com/sku-memory=8192,kubernetes.io/arch=arm64,kubernetes.io/os=linux,node.kubernetes.io/instance-type=Standard_D2ps_v5,topology.kubernetes.io/zone=westeurope-1 --node-status-update-frequency=10s --pod-manifest-path=/etc/kubernetes/manifests --pod-max-pids=-1 --protect-kernel-defaults=true --read-only-port=0 --register-with-taints=node.cilium.io/agent-not-ready=true:NoExecute --resolv-conf=/run/systemd/resolve/resolv.conf --rotate-certificates=true --streaming-connection-idle-timeout=4h --tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_GCM_SHA256
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
