package dev.ebbflow.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests to the external metrics API under the names and labels of Kubernetes' API server library,
 * which KEDA's metrics server is built on: {@code apiserver_request_total{verb,group,version,resource,code}}
 * and the histogram {@code apiserver_request_duration_seconds{verb,group,version,resource}}. As there, a
 * read of one external metric is a {@code LIST} whose resource is the metric's name. Probes are not counted.
 */
public final class MetricsApiRequestMetrics implements Handler<RoutingContext> {
    /** The API server library's request duration buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60};
    private static final Set<String> PROBES = Set.of("/livez", "/readyz", "/healthz");
    /** Refused callers choose the path: their requests are not labelled with it, so they cannot create series at will. */
    private static final Set<Integer> REFUSED = Set.of(400, 401, 403, 404, 405, 406);

    /** What a request asked for, in the API server's terms. */
    record RequestInfo(String verb, String group, String version, String resource) {
        static RequestInfo of(String method, String path, int status) {
            String[] parts = path.split("/");
            // ["", "apis", group, version, "namespaces", namespace, metric]
            String group = parts.length > 2 && "apis".equals(parts[1]) ? parts[2] : "";
            String version = parts.length > 3 ? parts[3] : "";
            boolean metricRead = parts.length == 7 && "namespaces".equals(parts[4]);
            String verb = !"GET".equals(method) ? method : metricRead ? "LIST" : "GET";
            String resource = metricRead && !REFUSED.contains(status) ? parts[6] : "";
            if (REFUSED.contains(status) && !metricRead && parts.length > 4) {
                group = "";
                version = "";
            }
            return new RequestInfo(verb, group, version, resource);
        }

        List<String> tags() {
            return List.of("verb", verb, "group", group, "version", version, "resource", resource);
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<RequestInfo, Timer> durations = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<Object>, Counter> requests = new ConcurrentHashMap<>();

    public MetricsApiRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!PROBES.contains(path)) {
            long start = System.nanoTime();
            String method = ctx.request().method().name();
            ctx.addBodyEndHandler(done -> record(method, path, ctx.response().getStatusCode(), Duration.ofNanos(System.nanoTime() - start)));
        }
        ctx.next();
    }

    void record(String method, String path, int status, Duration duration) {
        RequestInfo info = RequestInfo.of(method, path, status);
        durations.computeIfAbsent(info, i -> Timer.builder("apiserver.request.duration")
                .description("Response latency distribution in seconds for each verb, group, version and resource.")
                .tags(i.tags().toArray(String[]::new))
                .serviceLevelObjectives(Buckets.seconds(BUCKETS))
                .register(registry)).record(duration);
        requests.computeIfAbsent(List.of(info, status), k -> Counter.builder("apiserver.request")
                .description("Counter of API server requests broken out for each verb, group, version, resource and HTTP response code.")
                .tags(info.tags().toArray(String[]::new)).tag("code", Integer.toString(status))
                .register(registry)).increment();
    }
}
