package dev.ebbflow.testkit.kube;

import dev.ebbflow.testkit.RepositoryFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kubernetes control plane of the test run (kube-apiserver, kube-controller-manager,
 * kube-scheduler and etcd on loopback, started by {@code scripts/control-plane.sh}).
 *
 * <p>One per test run: {@code scripts/test.sh} starts it once and passes its admin kubeconfig in
 * {@value #KUBECONFIG_ENV}; a JVM started without it (an IDE, a plain {@code mvn test}) starts its own
 * on first use and stops it when the JVM exits. When neither works, {@link #shared()} throws: a test
 * that needs the control plane fails, it never skips.
 */
public final class ControlPlane {

    /** The admin kubeconfig of a control plane that is already running. */
    public static final String KUBECONFIG_ENV = "EBBFLOW_TEST_KUBECONFIG";
    private static final String SCRIPT = "scripts/control-plane.sh";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static ControlPlane shared;

    private final Path kubeconfig;
    private final Path stateDir;

    private ControlPlane(Path kubeconfig, Path stateDir) {
        this.kubeconfig = kubeconfig;
        this.stateDir = stateDir;
    }

    /** The run's control plane, started on the first call when {@value #KUBECONFIG_ENV} names none. */
    public static synchronized ControlPlane shared() {
        if (shared == null) {
            String given = System.getenv(KUBECONFIG_ENV);
            shared = given != null && !given.isBlank() ? attach(Path.of(given)) : startOwn();
        }
        return shared;
    }

    private static ControlPlane attach(Path kubeconfig) {
        if (!Files.isReadable(kubeconfig)) {
            throw new IllegalStateException(KUBECONFIG_ENV + " names " + kubeconfig + ", which cannot be read");
        }
        return new ControlPlane(kubeconfig, kubeconfig.getParent().getParent());
    }

    private static ControlPlane startOwn() {
        Path script = findScript();
        try {
            Path state = Files.createTempDirectory("ebbflow-cp-");
            String kubeconfig = run(script, "up", state).strip();
            List<String> lines = kubeconfig.lines().toList();
            ControlPlane started = new ControlPlane(Path.of(lines.get(lines.size() - 1)), state);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(script, "down", state);
                } catch (RuntimeException ignored) {
                    // the JVM is going away; a process left behind is found by its state dir
                }
            }, "control-plane-down"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(Path script, String command, Path state) {
        try {
            Path err = Files.createTempFile("control-plane", ".err");
            Process p = new ProcessBuilder("bash", script.toString(), command, state.toString())
                    .redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("the real control plane did not start (" + script + " " + command + "): "
                        + Files.readString(err) + "Run the tests through scripts/test.sh, or set " + KUBECONFIG_ENV
                        + " to the admin kubeconfig of a running control plane, or EBBFLOW_K8S_ASSETS to the folder of its binaries.");
            }
            Files.deleteIfExists(err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findScript() {
        try {
            return RepositoryFiles.directory("scripts").resolve("control-plane.sh");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath()
                    + "; set " + KUBECONFIG_ENV + " to the admin kubeconfig of a running control plane", e);
        }
    }

    /** The admin kubeconfig (system:masters). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Where the control plane keeps certificates ({@code pki/}), logs ({@code logs/}) and kubeconfigs ({@code kc/}). */
    public Path stateDir() {
        return stateDir;
    }

    /** The front-proxy CA, whose client certificate the aggregator presents to an aggregated API server. */
    public Path frontProxyCa() {
        return stateDir.resolve("pki/front-proxy-ca.crt");
    }

    /** A client configuration of the admin user, unthrottled. */
    public Config config() {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            config.setRequestTimeout(30_000);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new admin client; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /**
     * A kubeconfig holding a token of {@code serviceAccount}: what a pod running as it gets, its RBAC
     * and nothing more. Written to a new temporary file.
     */
    public Path serviceAccountKubeconfig(KubernetesClient admin, String namespace, String serviceAccount) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        try {
            Path file = Files.createTempFile(serviceAccount + "-", ".kubeconfig");
            Files.writeString(file, String.join("\n",
                    "apiVersion: v1", "kind: Config",
                    "clusters: [{name: cp, cluster: {server: \"" + config().getMasterUrl() + "\", certificate-authority: \""
                            + stateDir.resolve("pki/ca.crt") + "\"}}]",
                    "users: [{name: sa, user: {token: \"" + token + "\"}}]",
                    "contexts: [{name: cp, context: {cluster: cp, user: sa, namespace: " + namespace + "}}]",
                    "current-context: cp", ""), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the APIService of that name exists and its Available condition is True. */
    public static boolean apiServiceAvailable(KubernetesClient client, String name) {
        return apiServiceAvailable(client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService").withName(name).get());
    }

    public static boolean apiServiceAvailable(GenericKubernetesResource apiService) {
        List<Map<String, Object>> conditions = apiService == null ? null : apiService.get("status", "conditions");
        return conditions != null && conditions.stream().anyMatch(c -> "Available".equals(c.get("type")) && "True".equals(c.get("status")));
    }

    /** Creates a namespace of a unique name starting with {@code prefix}, so test classes sharing the cluster do not meet. */
    public String createNamespace(KubernetesClient client, String prefix) {
        String name = (prefix.toLowerCase(Locale.ROOT) + "-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }
}
