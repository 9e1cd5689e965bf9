package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each OpenAPI constraint and CEL rule of every CRD, on the real API server: one object that breaks it
 * is refused with a cause naming the field and the constraint, one that keeps it is accepted. The rows
 * are the tables of {@link ConstraintCases}; creates are server-side dry runs, so nothing is stored but
 * the few objects an update case starts from.
 */
@ExtendWith(RealControlPlane.class)
class CrdConstraintsOnRealApiServerTest {

    private static KubernetesClient client;
    private static String namespace;
    /** The stored objects the update cases start from, by CRD and valid object. */
    private static final Map<String, Stored> STORED = new LinkedHashMap<>();

    private record Stored(CrdUnderTest crd, GenericKubernetesResource resource) {
    }

    @BeforeAll
    static void installCrds(ControlPlane cp) {
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        namespace = cp.createNamespace(client, "crd-constraints");
    }

    @AfterAll
    static void deleteWhatWasStored() {
        STORED.values().forEach(stored -> resources(stored.crd()).resource(stored.resource()).delete());
        client.namespaces().withName(namespace).delete();
        client.close();
    }

    static Stream<ConstraintCase> cases() {
        return ConstraintCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWhatBreaksTheConstraintAndAcceptsWhatKeepsIt(ConstraintCase c) {
        if (c.defaulted()) {
            // Leaving out a required field that has a default is no error: the API server fills the default in.
            JsonNode answer = client.getKubernetesSerialization().convertValue(send(c, c.breaking()), JsonNode.class);
            assertThat(JsonEdits.at(answer, c.constraint().firstItemPath())).as(c.field() + " defaulted")
                    .isEqualTo(c.constraint().fallback());
            return;
        }
        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class, () -> send(c, c.breaking()));
        assertThat(refusal).as("refusal of " + c.breaking()).isNotNull();
        assertThat(refusal.getCode()).as(refusal.getMessage()).isEqualTo(422);
        assertThat(causes(refusal)).as(refusal.getMessage())
                .anySatisfy(cause -> {
                    assertThat(cause.getField()).isEqualTo(c.field());
                    assertThat(cause.getMessage()).contains(c.constraint().rejection());
                });
        send(c, c.keeping());
    }

    private static List<StatusCause> causes(KubernetesClientException e) {
        return e.getStatus() == null || e.getStatus().getDetails() == null ? List.of() : e.getStatus().getDetails().getCauses();
    }

    /** Sends the object as the case says: a dry-run create, or a dry-run update (of the status when it is the status) of a stored object. */
    private static GenericKubernetesResource send(ConstraintCase c, ObjectNode object) {
        GenericKubernetesResource resource = resource(c.crd(), object);
        if (!c.update() && !c.onStatus()) {
            resource.getMetadata().setGenerateName("constraint-case-");
            return resources(c.crd()).resource(resource).dryRun().create();
        }
        GenericKubernetesResource stored = stored(c);
        resource.getMetadata().setName(stored.getMetadata().getName());
        resource.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
        Resource<GenericKubernetesResource> target = resources(c.crd()).resource(resource);
        return c.onStatus() ? target.dryRun().updateStatus() : target.dryRun().update();
    }

    private static GenericKubernetesResource stored(ConstraintCase c) {
        return STORED.computeIfAbsent(c.crd().name() + " " + c.valid(), key -> {
            GenericKubernetesResource resource = resource(c.crd(), c.valid());
            resource.getMetadata().setGenerateName("constraint-case-");
            return new Stored(c.crd(), resources(c.crd()).resource(resource).create());
        }).resource();
    }

    private static GenericKubernetesResource resource(CrdUnderTest crd, ObjectNode object) {
        GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        resource.setApiVersion(crd.apiVersion());
        resource.setKind(crd.kind());
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        return resource;
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            CrdUnderTest crd) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(crd.context());
        return crd.namespaced() ? all.inNamespace(namespace) : all;
    }
}
