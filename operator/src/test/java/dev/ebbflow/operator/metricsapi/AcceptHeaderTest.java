package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

    @Test
    void plainJsonAWildcardOrNoHeaderAreServed() {
        assertThat(AcceptHeader.acceptsPlainJson(List.of())).isTrue();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json"))).isTrue();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json, */*"))).isTrue();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/vnd.kubernetes.protobuf", "*/*;q=0.5"))).isTrue();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("Application/JSON; charset=utf-8"))).isTrue();
        // kubectl's discovery asks for aggregated discovery first and plain JSON last.
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"))).isTrue();
    }

    @Test
    void onlyAnotherRepresentationIsNotAcceptable() {
        // What kube-apiserver's aggregator asks an aggregated server's /apis for: it falls back to legacy discovery on 406.
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"))).isFalse();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json;as=Table;v=v1;g=meta.k8s.io"))).isFalse();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/vnd.kubernetes.protobuf"))).isFalse();
        assertThat(AcceptHeader.acceptsPlainJson(List.of("application/json;q=0"))).isFalse();
    }
}
