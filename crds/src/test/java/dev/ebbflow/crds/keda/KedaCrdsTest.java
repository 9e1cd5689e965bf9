package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD YAML committed under crds/ (what users apply) carries KEDA's names, columns, defaults and validation. */
class KedaCrdsTest {

    private static final String READY = ".status.conditions[?(@.type==\"Ready\")].status";
    private static final String ACTIVE = ".status.conditions[?(@.type==\"Active\")].status";
    private static final String FALLBACK = ".status.conditions[?(@.type==\"Fallback\")].status";
    private static final String PAUSED = ".status.conditions[?(@.type==\"Paused\")].status";

    static CustomResourceDefinition crd(String plural) throws IOException {
        return Serialization.unmarshal(Files.readString(Path.of(plural + ".keda.sh-v1.yml")), CustomResourceDefinition.class);
    }

    static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("v1alpha1");
            assertThat(v.getServed()).isTrue();
            assertThat(v.getStorage()).isTrue();
        });
        return crd.getSpec().getVersions().get(0);
    }

    static JSONSchemaProps spec(CustomResourceDefinition crd) {
        return version(crd).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    @Test
    void scaledObjectNamesScopeAndStatusSubresource() throws IOException {
        CustomResourceDefinition crd = crd("scaledobjects");

        assertThat(crd.getSpec().getGroup()).isEqualTo("keda.sh");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ScaledObject");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("so");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(version(crd).getSubresources().getStatus()).isNotNull();
    }

    @Test
    void scaledObjectPrinterColumnsAreKedas() throws IOException {
        assertThat(version(crd("scaledobjects")).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
                        CustomResourceColumnDefinition::getType)
                .containsExactly(
                        tuple("ScaleTargetKind", ".status.scaleTargetKind", "string"),
                        tuple("ScaleTargetName", ".spec.scaleTargetRef.name", "string"),
                        tuple("Min", ".spec.minReplicaCount", "integer"),
                        tuple("Max", ".spec.maxReplicaCount", "integer"),
                        tuple("Ready", READY, "string"),
                        tuple("Active", ACTIVE, "string"),
                        tuple("Fallback", FALLBACK, "string"),
                        tuple("Paused", PAUSED, "string"),
                        tuple("Triggers", ".status.triggersTypes", "string"),
                        tuple("Authentications", ".status.authenticationsTypes", "string"),
                        tuple("Age", ".metadata.creationTimestamp", "date"));
    }

    @Test
    void scaledObjectSchemaRequiresTargetNameTriggersAndTriggerType() throws IOException {
        JSONSchemaProps spec = spec(crd("scaledobjects"));

        assertThat(spec.getRequired()).containsExactlyInAnyOrder("scaleTargetRef", "triggers");
        assertThat(spec.getProperties().get("scaleTargetRef").getRequired()).containsExactly("name");
        assertThat(spec.getProperties().get("triggers").getItems().getSchema().getRequired()).containsExactlyInAnyOrder("type", "metadata");
        assertThat(spec.getProperties().get("fallback").getRequired()).containsExactlyInAnyOrder("failureThreshold", "replicas");
        JSONSchemaProps modifiers = spec.getProperties().get("advanced").getProperties().get("scalingModifiers");
        assertThat(modifiers.getRequired()).containsExactlyInAnyOrder("formula", "target");
        assertThat(spec.getProperties().get("triggers").getItems().getSchema().getProperties().get("metadata")
                .getAdditionalProperties().getSchema().getType()).isEqualTo("string");
    }

    @Test
    void scaledObjectSchemaCarriesKedasDefaultsAndMinimums() throws IOException {
        JSONSchemaProps spec = spec(crd("scaledobjects"));

        assertThat(spec.getProperties().get("pollingInterval").getDefault().asInt()).isEqualTo(30);
        assertThat(spec.getProperties().get("cooldownPeriod").getDefault().asInt()).isEqualTo(300);
        assertThat(spec.getProperties().get("initialCooldownPeriod").getDefault().asInt()).isZero();
        assertThat(spec.getProperties().get("minReplicaCount").getDefault().asInt()).isZero();
        assertThat(spec.getProperties().get("maxReplicaCount").getDefault().asInt()).isEqualTo(100);
        assertThat(spec.getProperties().get("idleReplicaCount").getDefault()).isNull();
        assertThat(spec.getProperties().get("fallback").getProperties().get("behavior").getDefault().asText()).isEqualTo("static");
        for (String count : new String[] {"pollingInterval", "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount",
                "minReplicaCount", "maxReplicaCount"}) {
            assertThat(spec.getProperties().get(count).getMinimum()).as(count).isEqualTo(0.0);
        }
    }

    @Test
    void enumLikeFieldsAreValidatedByEnumOrPattern() throws IOException {
        JSONSchemaProps spec = spec(crd("scaledobjects"));
        // An enum, as in KEDA's CRD, so that a bad value gets the API server's "Unsupported value" message.
        List<String> behaviors = spec.getProperties().get("fallback").getProperties().get("behavior").getEnum().stream()
                .map(JsonNode::asText).toList();
        String metricType = spec.getProperties().get("triggers").getItems().getSchema().getProperties().get("metricType").getPattern();

        assertThat(behaviors).containsExactlyInAnyOrder("static", "currentReplicas", "currentReplicasIfHigher", "currentReplicasIfLower");
        assertThat("Utilization").matches(metricType);
        assertThat("Median").doesNotMatch(metricType);
    }

    @Test
    void scaledObjectCelRulesCoverWhatKedaValidates() throws IOException {
        JSONSchemaProps spec = spec(crd("scaledobjects"));

        assertThat(spec.getXKubernetesValidations()).extracting(ValidationRule::getMessage).containsExactlyInAnyOrder(
                "spec.minReplicaCount must be less than or equal to spec.maxReplicaCount",
                "spec.idleReplicaCount must be less than spec.minReplicaCount");
        assertThat(spec.getProperties().get("triggers").getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(tuple("self.size() > 0", "spec.triggers must list at least one trigger"));
        assertThat(spec.getProperties().get("fallback").getXKubernetesValidations())
                .extracting(ValidationRule::getRule)
                .containsExactlyInAnyOrder("self.failureThreshold >= 0", "self.replicas >= 0");
    }

    @Test
    void scaledObjectHpaBehaviorIsKubernetesOwnSchema() throws IOException {
        JSONSchemaProps behavior = spec(crd("scaledobjects")).getProperties().get("advanced").getProperties()
                .get("horizontalPodAutoscalerConfig").getProperties().get("behavior");

        assertThat(behavior.getProperties()).containsKeys("scaleUp", "scaleDown");
        assertThat(behavior.getProperties().get("scaleDown").getProperties()).containsKeys("policies", "selectPolicy",
                "stabilizationWindowSeconds");
    }

    @Test
    void scaledObjectStatusHasEveryFieldKedaWrites() throws IOException {
        JSONSchemaProps status = version(crd("scaledobjects")).getSchema().getOpenAPIV3Schema().getProperties().get("status");

        assertThat(status.getProperties()).containsOnlyKeys("scaleTargetKind", "scaleTargetGVKR", "originalReplicaCount",
                "lastActiveTime", "externalMetricNames", "resourceMetricNames", "compositeScalerName", "hpaName",
                "pausedReplicaCount", "conditions", "health", "triggersActivity", "triggersTypes", "authenticationsTypes");
        assertThat(status.getProperties().get("health").getAdditionalProperties().getSchema().getProperties())
                .containsOnlyKeys("numberOfFailures", "status");
        assertThat(status.getProperties().get("triggersActivity").getAdditionalProperties().getSchema().getProperties())
                .containsOnlyKeys("isActive");
        assertThat(status.getProperties().get("conditions").getItems().getSchema().getProperties())
                .containsOnlyKeys("type", "status", "reason", "message");
    }

    @Test
    void scaledJobNamesColumnsAndSchema() throws IOException {
        CustomResourceDefinition crd = crd("scaledjobs");
        CustomResourceDefinitionVersion version = version(crd);
        JSONSchemaProps spec = spec(crd);

        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("sj");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("Min", ".spec.minReplicaCount"),
                        tuple("Max", ".spec.maxReplicaCount"),
                        tuple("Ready", READY),
                        tuple("Active", ACTIVE),
                        tuple("Paused", PAUSED),
                        tuple("Triggers", ".status.triggersTypes"),
                        tuple("Authentications", ".status.authenticationsTypes"),
                        tuple("Age", ".metadata.creationTimestamp"));
        assertThat(spec.getRequired()).containsExactlyInAnyOrder("jobTargetRef", "triggers");
        assertThat(spec.getProperties().get("jobTargetRef").getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(tuple("has(self.template)", "spec.jobTargetRef.template is required"));
        assertThat(spec.getProperties().get("triggers").getXKubernetesValidations()).extracting(ValidationRule::getRule)
                .containsExactly("self.size() > 0");
        assertThat(spec.getProperties().get("failedJobsHistoryLimit").getDefault().asInt()).isEqualTo(100);
        assertThat(spec.getProperties().get("successfulJobsHistoryLimit").getDefault().asInt()).isEqualTo(100);
        assertThat(spec.getProperties().get("scalingStrategy").getProperties().get("multipleScalersCalculation").getDefault().asText())
                .isEqualTo("max");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties()).containsKey("Paused");
    }

    @Test
    void triggerAuthenticationsAreNamespacedAndClusterOnesAreNot() throws IOException {
        CustomResourceDefinition ta = crd("triggerauthentications");
        CustomResourceDefinition cta = crd("clustertriggerauthentications");

        assertThat(ta.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(ta.getSpec().getNames().getShortNames()).containsExactly("ta", "triggerauth");
        assertThat(cta.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(cta.getSpec().getNames().getKind()).isEqualTo("ClusterTriggerAuthentication");
        assertThat(cta.getSpec().getNames().getShortNames()).containsExactly("cta", "clustertriggerauth");
        assertThat(version(cta).getSchema()).isEqualTo(version(ta).getSchema());
    }

    @Test
    void triggerAuthenticationColumnsAreKedas() throws IOException {
        for (String plural : new String[] {"triggerauthentications", "clustertriggerauthentications"}) {
            CustomResourceDefinitionVersion version = version(crd(plural));
            assertThat(version.getSubresources().getStatus()).as(plural).isNotNull();
            assertThat(version.getAdditionalPrinterColumns())
                    .as(plural)
                    .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
                            CustomResourceColumnDefinition::getPriority)
                    .containsExactly(
                            tuple("PodIdentity", ".spec.podIdentity.provider", 0),
                            tuple("Secret", ".spec.secretTargetRef[*].name", 0),
                            tuple("Env", ".spec.env[*].name", 0),
                            tuple("VaultAddress", ".spec.hashiCorpVault.address", 0),
                            tuple("ScaledObjects", ".status.scaledobjects", 1),
                            tuple("ScaledJobs", ".status.scaledjobs", 1));
        }
    }

    @Test
    void triggerAuthenticationSchemaRequiresWhatKedaDocumentsAsRequired() throws IOException {
        JSONSchemaProps spec = spec(crd("triggerauthentications"));

        assertThat(spec.getProperties()).containsOnlyKeys("podIdentity", "secretTargetRef", "env", "configMapTargetRef", "filePath",
                "hashiCorpVault", "azureKeyVault", "gcpSecretManager", "awsSecretManager", "boundServiceAccountToken");
        assertThat(spec.getProperties().get("filePath").getItems().getSchema().getRequired()).containsExactlyInAnyOrder("parameter", "path");
        assertThat(spec.getProperties().get("secretTargetRef").getItems().getSchema().getRequired())
                .containsExactlyInAnyOrder("parameter", "name", "key");
        assertThat(spec.getProperties().get("env").getItems().getSchema().getRequired()).containsExactlyInAnyOrder("parameter", "name");
        assertThat(spec.getProperties().get("podIdentity").getRequired()).containsExactly("provider");
        assertThat("azure-workload").matches(spec.getProperties().get("podIdentity").getProperties().get("provider").getPattern());
        assertThat(spec.getProperties().get("hashiCorpVault").getRequired())
                .containsExactlyInAnyOrder("address", "authentication", "secrets");
        assertThat(spec.getProperties().get("azureKeyVault").getRequired()).containsExactlyInAnyOrder("vaultUri", "secrets");
        assertThat(spec.getProperties().get("gcpSecretManager").getRequired()).containsExactly("secrets");
        assertThat(spec.getProperties().get("awsSecretManager").getRequired()).containsExactly("secrets");
    }
}
