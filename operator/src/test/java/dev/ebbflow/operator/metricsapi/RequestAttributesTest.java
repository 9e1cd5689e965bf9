package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAttributesTest {
    private static final String BASE = "/apis/external.metrics.k8s.io/v1beta1";

    @Test
    void theHpasMetricReadIsAListOfTheMetricAsResource() {
        assertThat(RequestAttributes.of("GET", BASE + "/namespaces/shop/s0-rabbitmq-orders")).isEqualTo(new RequestAttributes.Resource(
                "list", "external.metrics.k8s.io", "v1beta1", "s0-rabbitmq-orders", "", "", "shop"));
    }

    @Test
    void aNamedObjectIsAGetAndAFurtherPartItsSubresource() {
        assertThat(RequestAttributes.of("GET", BASE + "/namespaces/shop/s0-rabbitmq-orders/one/status")).isEqualTo(new RequestAttributes.Resource(
                "get", "external.metrics.k8s.io", "v1beta1", "s0-rabbitmq-orders", "status", "one", "shop"));
        assertThat(RequestAttributes.of("GET", BASE + "/namespaces/shop")).isEqualTo(new RequestAttributes.Resource(
                "get", "external.metrics.k8s.io", "v1beta1", "namespaces", "", "shop", "shop"));
    }

    @Test
    void clusterScopedAndWritingVerbs() {
        assertThat(RequestAttributes.of("GET", BASE + "/s0-rabbitmq-orders")).isEqualTo(new RequestAttributes.Resource(
                "list", "external.metrics.k8s.io", "v1beta1", "s0-rabbitmq-orders", "", "", ""));
        assertThat(RequestAttributes.of("POST", BASE + "/namespaces/shop/m").verb()).isEqualTo("create");
        assertThat(RequestAttributes.of("PUT", BASE + "/namespaces/shop/m/x").verb()).isEqualTo("update");
        assertThat(RequestAttributes.of("DELETE", BASE + "/namespaces/shop/m").verb()).isEqualTo("deletecollection");
        assertThat(RequestAttributes.of("DELETE", BASE + "/namespaces/shop/m/x").verb()).isEqualTo("delete");
    }

    @Test
    void discoveryAndOpenApiAreNonResourcePaths() {
        assertThat(RequestAttributes.of("GET", "/apis")).isEqualTo(new RequestAttributes.NonResource("get", "/apis"));
        assertThat(RequestAttributes.of("GET", "/apis/external.metrics.k8s.io")).isEqualTo(new RequestAttributes.NonResource("get", "/apis/external.metrics.k8s.io"));
        assertThat(RequestAttributes.of("GET", BASE)).isEqualTo(new RequestAttributes.NonResource("get", BASE));
        assertThat(RequestAttributes.of("GET", "/openapi/v2")).isEqualTo(new RequestAttributes.NonResource("get", "/openapi/v2"));
        assertThat(RequestAttributes.of("POST", "/healthz")).isEqualTo(new RequestAttributes.NonResource("post", "/healthz"));
    }
}
