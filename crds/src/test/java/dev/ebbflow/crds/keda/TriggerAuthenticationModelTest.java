package dev.ebbflow.crds.keda;

import static dev.ebbflow.crds.keda.ManifestRoundTrip.leaves;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.parse;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthenticationSpec;
import io.fabric8.kubernetes.api.model.Namespaced;
import org.junit.jupiter.api.Test;

class TriggerAuthenticationModelTest {

    /** Every source KEDA's authentication docs list, in one TriggerAuthentication. */
    static final String EVERY_FIELD = """
            apiVersion: keda.sh/v1alpha1
            kind: TriggerAuthentication
            metadata:
              name: everything
              namespace: default
            spec:
              podIdentity:
                provider: aws
                identityId: 00000000-0000-0000-0000-000000000001
                identityTenantId: 00000000-0000-0000-0000-000000000002
                identityAuthorityHost: https://login.example.com/
                roleArn: arn:aws:iam::123456789012:role/keda
                identityOwner: workload
                externalID: ext-1
              secretTargetRef:
              - parameter: host
                name: rabbitmq
                key: url
              env:
              - parameter: region
                name: AWS_REGION
                containerName: worker
              configMapTargetRef:
              - parameter: queueName
                name: settings
                key: queue
              boundServiceAccountToken:
              - parameter: token
                serviceAccountName: reader
              hashiCorpVault:
                address: https://vault.example.com:8200
                namespace: team-a
                authentication: kubernetes
                role: keda
                mount: kubernetes
                credential:
                  token: not-a-real-token
                  tokenSecretRef:
                    name: vault-token
                    key: token
                  serviceAccount: /var/run/secrets/kubernetes.io/serviceaccount/token
                  serviceAccountName: keda-vault
                secrets:
                - parameter: ca
                  key: ca_chain
                  path: pki/issue/keda
                  type: pki
                  pkiData:
                    commonName: keda.example.com
                    altNames: a.example.com
                    ipSans: 10.0.0.1
                    uriSans: spiffe://example/keda
                    otherSans: "1.2.3.4;UTF8:x"
                    ttl: 24h
                    format: pem
              azureKeyVault:
                vaultUri: https://vault.vault.azure.net
                podIdentity:
                  provider: azure-workload
                  identityId: 00000000-0000-0000-0000-000000000003
                credentials:
                  clientId: client
                  clientSecret:
                    valueFrom:
                      secretKeyRef:
                        name: azure-secret
                        key: clientSecret
                  tenantId: tenant
                cloud:
                  type: Private
                  keyVaultResourceURL: https://vault.private.example
                  activeDirectoryEndpoint: https://login.private.example
                secrets:
                - parameter: connection
                  name: servicebus-connection
                  version: "1"
              gcpSecretManager:
                secrets:
                - parameter: creds
                  id: pubsub-creds
                  version: latest
                podIdentity:
                  provider: gcp
                credentials:
                  clientSecret:
                    valueFrom:
                      secretKeyRef:
                        name: gcp-sa
                        key: key.json
              awsSecretManager:
                podIdentity:
                  provider: aws
                credentials:
                  accessKey:
                    valueFrom:
                      secretKeyRef: {name: aws, key: AWS_ACCESS_KEY_ID}
                  accessSecretKey:
                    valueFrom:
                      secretKeyRef: {name: aws, key: AWS_SECRET_ACCESS_KEY}
                  accessToken:
                    valueFrom:
                      secretKeyRef: {name: aws, key: AWS_SESSION_TOKEN}
                region: eu-west-1
                secrets:
                - parameter: password
                  name: db
                  version: v1
                  versionId: abc
                  versionStage: AWSCURRENT
                  secretKey: password
            status:
              scaledobjects: orders-worker,returns-worker
              scaledjobs: consumer
            """;

    static final String CLUSTER = """
            apiVersion: keda.sh/v1alpha1
            kind: ClusterTriggerAuthentication
            metadata:
              name: shared-rabbitmq
            spec:
              secretTargetRef:
              - parameter: host
                name: rabbitmq
                key: url
            """;

    @Test
    void everyDocumentedSourceIsReadIntoTheModel() {
        TriggerAuthenticationSpec spec = parse(EVERY_FIELD, TriggerAuthentication.class).getSpec();

        assertThat(spec.getPodIdentity().getIdentityOwner()).isEqualTo("workload");
        assertThat(spec.getPodIdentity().getIdentityTenantId()).endsWith("2");
        assertThat(spec.getSecretTargetRef()).singleElement().satisfies(r -> assertThat(r.getKey()).isEqualTo("url"));
        assertThat(spec.getEnv()).singleElement().satisfies(e -> assertThat(e.getContainerName()).isEqualTo("worker"));
        assertThat(spec.getConfigMapTargetRef()).singleElement().satisfies(r -> assertThat(r.getName()).isEqualTo("settings"));
        assertThat(spec.getBoundServiceAccountToken()).singleElement()
                .satisfies(t -> assertThat(t.getServiceAccountName()).isEqualTo("reader"));
        assertThat(spec.getHashiCorpVault().getCredential().getTokenSecretRef().getName()).isEqualTo("vault-token");
        assertThat(spec.getHashiCorpVault().getSecrets().get(0).getPkiData().getCommonName()).isEqualTo("keda.example.com");
        assertThat(spec.getAzureKeyVault().getCredentials().getClientSecret().getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("clientSecret");
        assertThat(spec.getAzureKeyVault().getCloud().getType()).isEqualTo("Private");
        assertThat(spec.getGcpSecretManager().getSecrets().get(0).getId()).isEqualTo("pubsub-creds");
        assertThat(spec.getAwsSecretManager().getCredentials().getAccessToken().getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("AWS_SESSION_TOKEN");
        assertThat(spec.getAwsSecretManager().getSecrets().get(0).getVersionStage()).isEqualTo("AWSCURRENT");
    }

    @Test
    void writingAManifestWithEveryFieldBackLosesAndAddsNothing() {
        String written = write(parse(EVERY_FIELD, TriggerAuthentication.class));

        assertThat(leaves(written)).isEqualTo(leaves(EVERY_FIELD));
    }

    @Test
    void theStatusListsItsUsers() {
        TriggerAuthentication ta = parse(EVERY_FIELD, TriggerAuthentication.class);

        assertThat(ta.getStatus().getScaledobjects()).isEqualTo("orders-worker,returns-worker");
        assertThat(ta.getStatus().getScaledjobs()).isEqualTo("consumer");
    }

    @Test
    void aClusterTriggerAuthenticationIsClusterScopedAndSharesTheSpec() {
        ClusterTriggerAuthentication cta = parse(CLUSTER, ClusterTriggerAuthentication.class);

        assertThat(cta).isNotInstanceOf(Namespaced.class);
        assertThat(cta.getPlural()).isEqualTo("clustertriggerauthentications");
        assertThat(cta.getSpec().getSecretTargetRef()).singleElement().satisfies(r -> assertThat(r.getParameter()).isEqualTo("host"));
        assertThat(leaves(write(cta))).isEqualTo(leaves(CLUSTER));
        assertThat(parse(EVERY_FIELD, TriggerAuthentication.class)).isInstanceOf(Namespaced.class);
    }

    @Test
    void secretsNeverShowInTheTextOfTheModel() {
        // Reconcilers log resources; an inline Vault token must not reach a log line through toString.
        TriggerAuthentication ta = parse(EVERY_FIELD, TriggerAuthentication.class);

        assertThat(ta.toString()).doesNotContain("not-a-real-token");
        assertThat(ta.getSpec().getHashiCorpVault().toString()).doesNotContain("not-a-real-token");
    }
}
