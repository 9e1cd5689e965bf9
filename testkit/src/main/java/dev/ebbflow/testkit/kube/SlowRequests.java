package dev.ebbflow.testkit.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A client to the same cluster whose requests of one verb on matching paths each take {@code delay} longer,
 * as on a loaded API server: whether writes are made one after the other or side by side then shows in
 * how long a batch of them takes. The delay holds the calling thread, as a slow response would.
 */
public final class SlowRequests implements Interceptor {

    private final String method;
    private final Pattern path;
    private final Duration delay;

    private SlowRequests(String method, Pattern path, Duration delay) {
        this.method = method;
        this.path = path;
        this.delay = delay;
    }

    /** A new client to {@code base}'s cluster; close it apart from {@code base}. */
    public static KubernetesClient client(KubernetesClient base, String method, String pathRegex, Duration delay) {
        SlowRequests slow = new SlowRequests(method, Pattern.compile(pathRegex), delay);
        return new KubernetesClientBuilder().withConfig(base.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("slow-requests", slow)).build();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (method.equals(request.method()) && path.matcher(request.uri().getPath()).matches()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
