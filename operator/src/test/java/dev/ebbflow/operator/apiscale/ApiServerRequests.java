package dev.ebbflow.operator.apiscale;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served, {@code apiserver_request_total} from its
 * {@code /metrics}, summed over response codes by {@code VERB resource[/subresource]}. It has no label
 * for the client, so {@link #operatorOnly} drops what, in a scenario with Deployments at 0 replicas,
 * only kube-controller-manager and kube-scheduler ask for (ReplicaSets, Pods, status of Deployments and
 * HPAs, the HPA controller's reads of /scale, Leases of their own leader election, the quota
 * controller's lists), requests that name no resource (health checks, discovery, /metrics itself)
 * and WATCHes: the API server counts a watch when it ends, so what shows are other components'
 * watches timing out and reopening, while the operator's own stay open for its lifetime.
 */
public final class ApiServerRequests {

    private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{(.*)} ([0-9.eE+]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    /** What the control plane's own controllers send in such a scenario, never the operator (it reads Deployments from a watch). */
    private static final Set<String> CONTROL_PLANE = Set.of("replicasets", "pods", "deployments/status", "horizontalpodautoscalers/status",
            "leases", "endpoints", "endpointslices", "nodes", "serviceaccounts", "namespaces/finalize", "namespaces", "resourcequotas");

    private ApiServerRequests() {
    }

    /** Requests served so far, by {@code VERB resource[/subresource]}. */
    public static Map<String, Long> snapshot(KubernetesClient admin) {
        return parse(admin.raw("/metrics"));
    }

    static Map<String, Long> parse(String exposition) {
        Map<String, Long> out = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String resource = labels.getOrDefault("resource", "");
            String sub = labels.getOrDefault("subresource", "");
            String key = labels.get("verb") + " " + resource + (resource.isEmpty() || sub.isEmpty() ? "" : "/" + sub);
            out.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return out;
    }

    /** {@code after - before}, zero entries left out. */
    public static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /**
     * The requests the operator may have sent: {@link #CONTROL_PLANE}'s and resource-less ones left out,
     * and the namespace controller's sweep of a namespace another test class deleted on the shared
     * control plane (one LIST and one DELETE of every namespaced kind, which the API server's metric
     * cannot tell from ours: it has no client label). The operator deletes nothing while ScaledObjects
     * become ready or stay as they are, so a DELETE in the window is that sweep, and so is a LIST of the
     * kinds it deleted.
     */
    public static Map<String, Long> operatorOnly(Map<String, Long> requests) {
        java.util.Set<String> swept = new java.util.HashSet<>();
        requests.keySet().stream().filter(ApiServerRequests::isDelete).forEach(k -> swept.add(k.substring(k.indexOf(' ') + 1)));
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> {
            String target = k.substring(k.indexOf(' ') + 1);
            boolean hpaControllerScaleRead = k.startsWith("GET ") && target.endsWith("/scale");
            boolean sweep = isDelete(k) || (k.startsWith("LIST ") && swept.contains(target));
            if (!target.isEmpty() && !CONTROL_PLANE.contains(target) && !hpaControllerScaleRead && !k.startsWith("WATCH ") && !sweep) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static boolean isDelete(String key) {
        return key.startsWith("DELETE ") || key.startsWith("DELETECOLLECTION ");
    }

    public static long total(Map<String, Long> requests) {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }
}
