{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "ebbflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, unless it already contains the chart name. */}}
{{- define "ebbflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ebbflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ebbflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ebbflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ebbflow.labels" -}}
helm.sh/chart: {{ include "ebbflow.chart" . }}
{{ include "ebbflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ebbflow
{{- end }}

{{- define "ebbflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ebbflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ebbflow.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "ebbflow.tlsSecretName" -}}
{{- if and (not .Values.certificate.generate) .Values.certificate.existingSecret }}
{{- .Values.certificate.existingSecret }}
{{- else }}
{{- printf "%s-tls" (include "ebbflow.fullname" .) }}
{{- end }}
{{- end }}

{{/* Where the serving certificate is mounted in the operator's container. */}}
{{- define "ebbflow.tlsMountPath" -}}
/etc/ebbflow/tls
{{- end }}

{{/*
The metrics API's certificate as JSON {ca, cert, key} (PEM; cert and key empty for an existing
Secret). Generated once per render and memoized in .Values, because the Secret, the APIService
caBundle and the Deployment's checksum live in different templates and must all see the SAME
certificate. A generated one is new on every install and upgrade (helm-java and `helm template`
cannot `lookup` the stored one); the Deployment's checksum annotation then rolls the pods, so the
served certificate and the APIService caBundle change together.
*/}}
{{- define "ebbflow.tls" -}}
{{- if not (hasKey .Values "__ebbflowTls") }}
{{- $tls := dict }}
{{- if .Values.certificate.generate }}
{{- $service := include "ebbflow.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- $dnsNames := list $service (printf "%s.%s" $service $ns) (printf "%s.%s.svc" $service $ns) (printf "%s.%s.svc.cluster.local" $service $ns) }}
{{- $days := int .Values.certificate.validityDays }}
{{- $ca := genCA (printf "%s-ca" $service) $days }}
{{- $cert := genSignedCert (printf "%s.%s.svc" $service $ns) nil $dnsNames $days $ca }}
{{- $tls = dict "ca" $ca.Cert "cert" $cert.Cert "key" $cert.Key }}
{{- else }}
{{- $ca := required "certificate.caCert is required when certificate.generate is false (the APIService must trust the serving certificate)" .Values.certificate.caCert }}
{{- if .Values.certificate.existingSecret }}
{{- $tls = dict "ca" $ca "cert" "" "key" "" }}
{{- else }}
{{- $cert := required "certificate.tlsCert is required when certificate.generate is false and certificate.existingSecret is empty" .Values.certificate.tlsCert }}
{{- $key := required "certificate.tlsKey is required when certificate.generate is false and certificate.existingSecret is empty" .Values.certificate.tlsKey }}
{{- $tls = dict "ca" $ca "cert" $cert "key" $key }}
{{- end }}
{{- end }}
{{- $_ := set .Values "__ebbflowTls" $tls }}
{{- end }}
{{- toJson (get .Values "__ebbflowTls") }}
{{- end }}

{{/* Refuses value combinations that would install a broken operator. */}}
{{- define "ebbflow.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail "leaderElection.enabled=false requires replicaCount=1: several replicas without leader election would reconcile the same objects" }}
{{- end }}
{{- if eq (int .Values.metricsApi.port) (int .Values.metrics.port) }}
{{- fail "metricsApi.port and metrics.port must differ" }}
{{- end }}
{{- range $i, $t := .Values.extraScaleTargets }}
{{- if not $t.apiGroup }}
{{- fail (printf "extraScaleTargets[%d].apiGroup is required (\"\" is the core group, which has no scalable resources)" $i) }}
{{- end }}
{{- if not $t.resource }}
{{- fail (printf "extraScaleTargets[%d].resource is required" $i) }}
{{- end }}
{{- if or (contains "*" $t.apiGroup) (contains "*" $t.resource) }}
{{- fail (printf "extraScaleTargets[%d] must name one group and one resource, not a wildcard" $i) }}
{{- end }}
{{- if contains "/" $t.resource }}
{{- fail (printf "extraScaleTargets[%d].resource must be the plural resource name without a subresource, e.g. rollouts" $i) }}
{{- end }}
{{- end }}
{{- end }}
