package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class TriggerAuthenticationAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static Verdict review(String spec) {
        return TriggerAuthenticationAdmission.review(JSON.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: auth, namespace: apps}
                spec:
                %s
                """.formatted(spec.indent(2)), TriggerAuthentication.class).getSpec());
    }

    @Test
    void anEmptyIdentityIsRefusedAnUnsetOneIsNot() {
        assertThat(review("podIdentity: {provider: azure-workload, identityId: ''}").denials())
                .containsExactly("spec.podIdentity.identityId: must not be empty; leave it out to use the default identity");
        assertThat(review("podIdentity: {provider: azure-workload, identityId: id, identityTenantId: ''}").denials())
                .singleElement().asString().startsWith("spec.podIdentity.identityTenantId: must not be empty");
        assertThat(review("podIdentity: {provider: aws, roleArn: ''}").denials()).singleElement().asString().startsWith("spec.podIdentity.roleArn:");
        assertThat(review("podIdentity: {provider: azure-workload}").allowed()).isTrue();
    }

    @Test
    void providerSpecificFieldsOnlyWithTheirProvider() {
        assertThat(review("podIdentity: {provider: aws, identityId: id}").denials())
                .containsExactly("spec.podIdentity.identityId: is only used with provider azure-workload, not with 'aws'");
        assertThat(review("podIdentity: {provider: azure-workload, roleArn: 'arn:aws:iam::1:role/r'}").denials())
                .containsExactly("spec.podIdentity.roleArn: is only used with provider aws, not with 'azure-workload'");
        assertThat(review("podIdentity: {provider: gcp, identityOwner: keda}").denials()).singleElement().asString()
                .startsWith("spec.podIdentity.identityOwner: is only used with provider aws");
        assertThat(review("podIdentity: {provider: azure-workload, identityTenantId: t}").denials())
                .containsExactly("spec.podIdentity.identityTenantId: needs identityId to be set too");
    }

    @Test
    void roleArnGoesWithIdentityOwnerKedaNotWorkload() {
        assertThat(review("podIdentity: {provider: aws, roleArn: 'arn:aws:iam::1:role/r', identityOwner: keda}").allowed()).isTrue();
        assertThat(review("podIdentity: {provider: aws, roleArn: 'arn:aws:iam::1:role/r', identityOwner: workload}").denials())
                .singleElement().asString().startsWith("spec.podIdentity.identityOwner: cannot be workload when roleArn is set");
    }

    @Test
    void whatKedaAcceptsButEbbflowCannotUseIsAWarning() {
        Verdict vault = review("hashiCorpVault: {address: 'https://vault', authentication: token, secrets: []}");
        Verdict workload = review("podIdentity: {provider: aws, identityOwner: workload}");
        Verdict eks = review("podIdentity: {provider: aws-eks}");

        assertThat(vault.allowed()).isTrue();
        assertThat(vault.warnings()).containsExactly("spec.hashiCorpVault: is not supported by Ebbflow; use secretTargetRef, configMapTargetRef, env or podIdentity");
        assertThat(workload.allowed()).isTrue();
        assertThat(workload.warnings()).singleElement().asString().startsWith("spec.podIdentity.identityOwner: workload is not supported");
        assertThat(eks.warnings()).singleElement().asString().contains("aws-eks is deprecated");
        Verdict files = review("filePath: [{parameter: apiKey, path: credentials/api-key}]");
        assertThat(files.allowed()).as("KEDA's documented field applies").isTrue();
        assertThat(files.warnings()).containsExactly("spec.filePath: is not supported by Ebbflow; use secretTargetRef, configMapTargetRef, env or podIdentity");
    }
}
