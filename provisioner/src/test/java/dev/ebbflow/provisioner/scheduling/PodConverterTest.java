package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodConverterTest {

    private static Container container(String cpu, String memory) {
        return new ContainerBuilder().withName("c").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endResources().build();
    }

    private static Container sidecar(String cpu, String memory) {
        return new ContainerBuilder(container(cpu, memory)).withRestartPolicy("Always").build();
    }

    @Test
    void sumsContainersAndAddsOnePodSlot() {
        PodSpec spec = new PodSpecBuilder().withContainers(container("250m", "256Mi"), container("500m", "1Gi")).build();
        ResourceList r = PodConverter.effectiveRequests(spec);
        assertThat(r.milli("cpu")).isEqualTo(750);
        assertThat(r.milli("memory")).isEqualTo((256L + 1024) * 1024 * 1024 * 1000);
        assertThat(r.milli("pods")).isEqualTo(1000);
    }

    @Test
    void largestInitContainerWinsWhenBiggerThanTheApp() {
        PodSpec spec = new PodSpecBuilder().withInitContainers(container("2", "128Mi"), container("1", "64Mi"))
                .withContainers(container("500m", "1Gi")).build();
        ResourceList r = PodConverter.effectiveRequests(spec);
        assertThat(r.milli("cpu")).isEqualTo(2000);
        assertThat(r.milli("memory")).isEqualTo(1024L * 1024 * 1024 * 1000);
    }

    @Test
    void sidecarsRunAlongsideLaterInitContainersAndTheApp() {
        // sidecar 300m runs with the init container (1 -> 1.3) and with the app (500m -> 800m)
        PodSpec spec = new PodSpecBuilder().withInitContainers(sidecar("300m", "100Mi"), container("1", "10Mi"))
                .withContainers(container("500m", "200Mi")).build();
        assertThat(PodConverter.effectiveRequests(spec).milli("cpu")).isEqualTo(1300);
        PodSpec appDominates = new PodSpecBuilder().withInitContainers(container("200m", "10Mi"), sidecar("300m", "100Mi"))
                .withContainers(container("500m", "200Mi")).build();
        assertThat(PodConverter.effectiveRequests(appDominates).milli("cpu")).isEqualTo(800);
    }

    @Test
    void overheadExtendedResourcesAndLimitsAsRequests() {
        Container gpu = new ContainerBuilder().withName("g").withNewResources()
                .withLimits(Map.of("nvidia.com/gpu", new Quantity("1"), "cpu", new Quantity("1"))).endResources().build();
        PodSpec spec = new PodSpecBuilder().withContainers(gpu).withOverhead(Map.of("cpu", new Quantity("100m"))).build();
        ResourceList r = PodConverter.effectiveRequests(spec);
        assertThat(r.milli("nvidia.com/gpu")).isEqualTo(1000);
        assertThat(r.milli("cpu")).isEqualTo(1100);
    }

    @Test
    void convertsSchedulingConstraints() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withNodeSelector(Map.of(WellKnownLabels.ARCH, "arm64"))
                .withNewAffinity()
                .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(WellKnownLabels.ZONE).withOperator("In").withValues("a").endMatchExpression().endNodeSelectorTerm()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(WellKnownLabels.ZONE).withOperator("In").withValues("b").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10).withNewPreference().addNewMatchExpression()
                .withKey("x").withOperator("Exists").endMatchExpression().endPreference().endPreferredDuringSchedulingIgnoredDuringExecution()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(90).withNewPreference().addNewMatchExpression()
                .withKey("y").withOperator("Exists").endMatchExpression().endPreference().endPreferredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey(WellKnownLabels.HOSTNAME)
                .withNewLabelSelector().withMatchLabels(Map.of("app", "web")).endLabelSelector().endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity()
                .endAffinity()
                .addNewToleration().withKey("dedicated").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewTopologySpreadConstraint().withTopologyKey(WellKnownLabels.ZONE).withMaxSkew(1).withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(Map.of("app", "web")).endLabelSelector().endTopologySpreadConstraint()
                .addNewContainer().withName("c").addNewPort().withContainerPort(80).withHostPort(8080).endPort().endContainer()
                .endSpec().build();
        SchedulablePod p = PodConverter.convert(pod);
        assertThat(p.key()).isEqualTo("shop/web");
        assertThat(p.nodeSelector().singleValue(WellKnownLabels.ARCH)).isEqualTo("arm64");
        assertThat(p.requiredNodeTerms()).hasSize(2);
        assertThat(p.preferredNodeTerms()).extracting(WeightedRequirements::weight).containsExactly(90, 10);
        assertThat(p.requiredAntiAffinity()).singleElement().satisfies(t -> {
            assertThat(t.namespaces()).containsExactly("shop");
            assertThat(t.selector().matches(Map.of("app", "web"))).isTrue();
        });
        assertThat(p.tolerations()).hasSize(1);
        assertThat(p.spreadConstraints()).singleElement().satisfies(s -> assertThat(s.doNotSchedule()).isFalse());
        assertThat(p.hostPorts()).containsExactly(new HostPort("TCP", "", 8080));
    }

    @Test
    void badInputNamesTheField() {
        Pod badOperator = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("k").withOperator("Like").withValues("v").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        assertThatThrownBy(() -> PodConverter.convert(badOperator)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator");
        Pod badSkew = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewTopologySpreadConstraint()
                .withTopologyKey(WellKnownLabels.ZONE).withMaxSkew(0).endTopologySpreadConstraint().endSpec().build();
        assertThatThrownBy(() -> PodConverter.convert(badSkew)).hasMessageContaining("spec.topologySpreadConstraints[0].maxSkew");
    }

    @Test
    void quantitiesReadWithoutBigDecimalEqualTheExactReading() {
        for (String q : new String[] {"0", "7", "100m", "1500m", "3k", "2M", "1G", "64Ki", "512Mi", "4Gi", "1234567Gi", "1.5Gi", "0.1", "1e3", "2Ti", "250u"}) {
            Quantity quantity = new Quantity(q);
            long exact = quantity.getNumericalAmount().multiply(java.math.BigDecimal.valueOf(1000))
                    .setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            long fast = PodConverter.wholeMilli(quantity.getAmount(), quantity.getFormat());
            assertThat(fast).as(q).isIn(exact, -1L);
        }
        assertThat(PodConverter.wholeMilli("512", "Mi")).isEqualTo(512L * 1024 * 1024 * 1000);
        assertThat(PodConverter.wholeMilli("1", "Ti")).isEqualTo(-1);
        assertThat(PodConverter.wholeMilli("999999999999", "Gi")).isEqualTo(-1);
        assertThat(PodConverter.wholeMilli("1.5", "Gi")).isEqualTo(-1);
    }
}
