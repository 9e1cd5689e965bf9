package dev.ebbflow.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The indexed stand-in must answer exactly as fabric8's stock CRUD dispatcher: each scenario runs
 * against both and the transcripts (objects as returned, status codes, watch events) must be equal,
 * besides the facts each scenario checks on its own.
 */
class IndexedCrudDispatcherTest {

    @Test
    void getListAndLabelSelectorsAnswerAsTheStockServer() {
        List<String> indexed = onBoth(c -> {
            List<String> out = new ArrayList<>();
            deployment(c, "ns1", "a", 1, Map.of("app", "a", "tier", "web"));
            deployment(c, "ns1", "b", 2, Map.of("app", "b", "tier", "db"));
            deployment(c, "ns2", "a", 3, Map.of("app", "a", "tier", "web"));
            c.configMaps().inNamespace("ns1").resource(new ConfigMapBuilder().withNewMetadata().withName("a").endMetadata()
                    .addToData("k", "v").build()).create();
            out.add("get ns1/a " + describe(c.apps().deployments().inNamespace("ns1").withName("a").get()));
            out.add("get ns2/a " + describe(c.apps().deployments().inNamespace("ns2").withName("a").get()));
            out.add("get ns1/missing " + c.apps().deployments().inNamespace("ns1").withName("missing").get());
            out.add("configmap ns1/a " + c.configMaps().inNamespace("ns1").withName("a").get().getData());
            out.add("list ns1 " + names(c.apps().deployments().inNamespace("ns1").list().getItems()));
            out.add("list all " + names(c.apps().deployments().inAnyNamespace().list().getItems()));
            out.add("list empty ns " + names(c.apps().deployments().inNamespace("ns3").list().getItems()));
            out.add("tier=web ns1 " + names(c.apps().deployments().inNamespace("ns1").withLabel("tier", "web").list().getItems()));
            out.add("tier=web all " + names(c.apps().deployments().inAnyNamespace().withLabel("tier", "web").list().getItems()));
            out.add("tier!=web ns1 " + names(c.apps().deployments().inNamespace("ns1").withLabelNotIn("tier", "web").list().getItems()));
            out.add("has tier ns1 " + names(c.apps().deployments().inNamespace("ns1").withLabel("tier").list().getItems()));
            out.add("metadata.name=b " + names(c.apps().deployments().inNamespace("ns1").withField("metadata.name", "b").list().getItems()));
            out.add("scale ns2/a " + c.apps().deployments().inNamespace("ns2").withName("a").scale().getSpec().getReplicas());
            return out;
        });

        startsOfLines(indexed, "get ns1/a ns1/a replicas=1 labels={app=a, tier=web}", "get ns2/a ns2/a replicas=3 labels={app=a, tier=web}",
                "get ns1/missing null", "configmap ns1/a {k=v}", "list ns1 [ns1/a, ns1/b]", "list all [ns1/a, ns1/b, ns2/a]",
                "list empty ns []", "tier=web ns1 [ns1/a]", "tier=web all [ns1/a, ns2/a]", "has tier ns1 [ns1/a, ns1/b]",
                "metadata.name=b [ns1/b]", "scale ns2/a 3");
    }

    @Test
    void writesKeepTheIndexInStepWithTheStore() {
        List<String> indexed = onBoth(c -> {
            List<String> out = new ArrayList<>();
            Deployment a = deployment(c, "ns1", "a", 1, Map.of("app", "a"));
            deployment(c, "ns1", "b", 1, Map.of("app", "b"));
            out.add("duplicate " + code(() -> deployment(c, "ns1", "a", 1, Map.of())));

            a.getSpec().setReplicas(5);
            c.resource(a).update();
            out.add("updated " + describe(c.apps().deployments().inNamespace("ns1").withName("a").get()));
            a.getSpec().setReplicas(6);
            out.add("stale update " + code(() -> c.resource(a).update()));

            c.apps().deployments().inNamespace("ns1").withName("b")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"renamed\"}}}");
            out.add("app=b after relabel " + names(c.apps().deployments().inNamespace("ns1").withLabel("app", "b").list().getItems()));
            out.add("app=renamed " + names(c.apps().deployments().inNamespace("ns1").withLabel("app", "renamed").list().getItems()));

            Deployment withStatus = c.apps().deployments().inNamespace("ns1").withName("a").get();
            withStatus.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(5).build());
            c.resource(withStatus).updateStatus();
            out.add("status " + c.apps().deployments().inNamespace("ns1").withName("a").get().getStatus().getReplicas());

            c.apps().deployments().inNamespace("ns1").withName("b").delete();
            out.add("deleted b " + c.apps().deployments().inNamespace("ns1").withName("b").get());
            out.add("list after delete " + names(c.apps().deployments().inNamespace("ns1").list().getItems()));
            out.add("create again " + describe(deployment(c, "ns1", "b", 9, Map.of("app", "b"))));
            out.add("list after create again " + names(c.apps().deployments().inNamespace("ns1").list().getItems()));
            return out;
        });

        startsOfLines(indexed, "duplicate 409", "stale update 409", "app=b after relabel []", "app=renamed [ns1/b]", "status 5",
                "deleted b null", "list after delete [ns1/a]", "list after create again [ns1/a, ns1/b]");
        assertThat(indexed).anyMatch(l -> l.startsWith("updated ns1/a replicas=5"));
    }

    @Test
    void watchesSeeTheSameEvents() {
        List<String> indexed = onBoth(c -> {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            try (Watch w = c.apps().deployments().inNamespace("ns1").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Deployment d) {
                    events.add(action + " " + describe(d));
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                deployment(c, "ns1", "a", 1, Map.of("app", "a"));
                deployment(c, "ns2", "other", 1, Map.of("app", "a"));
                c.apps().deployments().inNamespace("ns1").withName("a").edit(d -> {
                    d.getSpec().setReplicas(2);
                    return d;
                });
                c.apps().deployments().inNamespace("ns1").withName("a").delete();
                Eventually.within(Duration.ofSeconds(10), () -> assertThat(events).hasSize(3));
            }
            return new ArrayList<>(events);
        });

        assertThat(indexed).hasSize(3);
        assertThat(indexed.get(0)).startsWith("ADDED ns1/a replicas=1");
        assertThat(indexed.get(1)).startsWith("MODIFIED ns1/a replicas=2");
        assertThat(indexed.get(2)).startsWith("DELETED ns1/a");
    }

    @Test
    void manyObjectsAreFoundByNameAndNamespace() {
        List<String> indexed = onBoth(c -> {
            for (int i = 0; i < 60; i++) {
                deployment(c, "ns" + (i % 3), "w-" + i, i, Map.of("group", "g" + (i % 4)));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 60; i += 7) {
                out.add(describe(c.apps().deployments().inNamespace("ns" + (i % 3)).withName("w-" + i).get()));
                out.add("wrong ns " + c.apps().deployments().inNamespace("ns" + ((i + 1) % 3)).withName("w-" + i).get());
            }
            out.add("ns1 g2 " + names(c.apps().deployments().inNamespace("ns1").withLabel("group", "g2").list().getItems()));
            return out;
        });

        startsOfLines(indexed, "ns0/w-0 replicas=0 labels={group=g0}", "ns2/w-14 replicas=14 labels={group=g2}", "wrong ns null",
                "ns1 g2 [ns1/w-10, ns1/w-22, ns1/w-34, ns1/w-46, ns1/w-58]");
    }

    /** Each expected text begins one of the lines (a line may go on with the resourceVersion and generation). */
    private static void startsOfLines(List<String> lines, String... expected) {
        for (String e : expected) {
            assertThat(lines).as("a line starting with '%s'", e).anyMatch(l -> l.equals(e) || l.startsWith(e + " "));
        }
    }

    /** Runs the scenario on the stock server and on the indexed one, asserts equal transcripts and returns the indexed one. */
    private static List<String> onBoth(Function<KubernetesClient, List<String>> scenario) {
        List<String> stock = run(false, scenario);
        List<String> indexed = run(true, scenario);
        assertThat(indexed).as("the indexed dispatcher's answers").containsExactlyElementsOf(stock);
        return indexed;
    }

    private static List<String> run(boolean indexed, Function<KubernetesClient, List<String>> scenario) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                indexed ? new IndexedMixedDispatcher(responses) : new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            return scenario.apply(client);
        } finally {
            server.destroy();
        }
    }

    private static Deployment deployment(KubernetesClient c, String ns, String name, int replicas, Map<String, String> labels) {
        return c.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build()).create();
    }

    /** What must agree: identity, spec, labels, status and resourceVersion (both servers count the same writes). */
    private static String describe(Deployment d) {
        return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName() + " replicas=" + d.getSpec().getReplicas()
                + " labels=" + new TreeMap<>(d.getMetadata().getLabels() == null ? Map.of() : d.getMetadata().getLabels())
                + " rv=" + d.getMetadata().getResourceVersion() + " generation=" + d.getMetadata().getGeneration();
    }

    private static List<String> names(List<Deployment> items) {
        return items.stream().map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()).sorted().collect(Collectors.toList());
    }

    private static int code(Runnable request) {
        try {
            request.run();
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }
}
