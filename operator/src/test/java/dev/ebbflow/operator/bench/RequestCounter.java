package dev.ebbflow.operator.bench;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests an API server stand-in answers, by verb and kind of path (e.g. {@code GET
 * deployments/scale}, {@code PUT scaledobjects/status}, {@code GET horizontalpodautoscalers (list)}),
 * so that a benchmark can say what each ScaledObject costs the API server.
 */
final class RequestCounter extends Dispatcher {

    private final Dispatcher delegate;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    RequestCounter(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = delegate.dispatch(request);
        String kind = classify(request.getMethod(), request.getPath());
        // Refusals apart: a 409 is a request that a better-informed client would not have sent.
        int code = response == null ? 404 : response.code();
        counts.computeIfAbsent(code >= 400 ? kind + " → " + code : kind, k -> new LongAdder()).increment();
        return response;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    /** The counts so far, by class of request. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** {@code after - before}, per class, leaving out classes that did not change. */
    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    /**
     * {@code GET /apis/apps/v1/namespaces/bench/deployments/worker-1/scale} → {@code GET deployments/scale};
     * a path without a name is a list, or a watch when it asks for one.
     */
    static String classify(String method, String path) {
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        String[] segments = (q < 0 ? path : path.substring(0, q)).replaceAll("^/+|/+$", "").split("/");
        // /api/v1/... or /apis/<group>/<version>/...
        int at = segments.length > 0 && segments[0].equals("api") ? 2 : 3;
        if (at + 1 < segments.length && segments[at].equals("namespaces")) {
            at += 2;
        } else if (at < segments.length && segments[at].equals("namespaces") && at + 1 == segments.length) {
            return method + " namespaces (list)";
        }
        if (at >= segments.length) {
            return method + " " + String.join("/", segments) + " (discovery)";
        }
        String plural = segments[at];
        boolean named = at + 1 < segments.length;
        String sub = at + 2 < segments.length ? "/" + segments[at + 2] : "";
        String suffix = named || !method.equals("GET") ? "" : query.contains("watch=true") ? " (watch)" : " (list)";
        return method + " " + plural + sub + suffix;
    }
}
