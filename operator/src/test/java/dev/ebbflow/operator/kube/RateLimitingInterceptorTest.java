package dev.ebbflow.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RateLimitingInterceptorTest {

    static KubernetesClient mockClient;

    @Test
    void requestsBeyondTheBurstWaitForTheirToken() {
        AtomicLong now = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        RateLimitingInterceptor limiter = new RateLimitingInterceptor(new TokenBucket(5, 2, 0), now::get, waits::add);
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(mockClient.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("limit", limiter))
                .build()) {
            for (int i = 0; i < 4; i++) {
                client.configMaps().inNamespace("default")
                        .resource(new ConfigMapBuilder().withNewMetadata().withName("cm" + i).endMetadata().build())
                        .create();
            }
            assertThat(client.configMaps().inNamespace("default").list().getItems()).hasSize(4);
        }
        // 5 requests at a frozen clock with burst 2: three of them wait 200, 400 and 600 ms.
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(600));
    }
}
