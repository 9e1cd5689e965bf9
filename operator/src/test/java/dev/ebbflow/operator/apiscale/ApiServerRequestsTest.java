package dev.ebbflow.operator.apiscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerRequestsTest {

    @Test
    void anotherClassesNamespaceSweepIsNotCountedAsTheOperators() {
        Map<String, Long> window = Map.of(
                "DELETE configmaps", 1L, "LIST configmaps", 1L,
                "DELETE scaledobjects", 1L, "LIST scaledobjects", 1L,
                "LIST nodepools", 2L,
                "PATCH scaledobjects", 50L, "PUT scaledobjects/status", 50L,
                "GET deployments/scale", 7L, "WATCH secrets", 3L, "PUT leases", 9L);

        assertThat(ApiServerRequests.operatorOnly(window))
                .isEqualTo(Map.of("LIST nodepools", 2L, "PATCH scaledobjects", 50L, "PUT scaledobjects/status", 50L));
    }

    @Test
    void readsTheApiServersCounterByVerbAndResource() {
        String exposition = """
                # TYPE apiserver_request_total counter
                apiserver_request_total{code="201",component="apiserver",dry_run="",group="keda.sh",resource="scaledobjects",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 3
                apiserver_request_total{code="409",component="apiserver",dry_run="",group="keda.sh",resource="scaledobjects",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 1
                apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="secrets",scope="namespace",subresource="",verb="LIST",version="v1"} 2
                """;

        assertThat(ApiServerRequests.parse(exposition)).isEqualTo(Map.of("PUT scaledobjects/status", 4L, "LIST secrets", 2L));
    }
}
