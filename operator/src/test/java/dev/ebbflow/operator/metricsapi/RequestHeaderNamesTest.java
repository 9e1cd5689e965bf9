package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RequestHeaderNamesTest {
    /** Headers as an HTTP server hands them out: case-insensitive names, repeated values. */
    private static final class Headers {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        Headers add(String name, String value) {
            values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        List<String> get(String name) {
            return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private static java.util.Optional<UserInfo> user(RequestHeaderNames names, Headers headers) {
        return names.user(headers::get, headers.values.keySet());
    }

    @Test
    void defaultsAreKubeApiserversHeaders() {
        Headers headers = new Headers().add("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler")
                .add("X-Remote-Group", "system:serviceaccounts").add("X-Remote-Group", "system:authenticated")
                .add("X-Remote-Extra-Authentication.kubernetes.io%2fpod-name", "hpa-0")
                .add("X-Remote-Extra-Scopes", "a").add("X-Remote-Extra-Scopes", "b");
        UserInfo user = user(RequestHeaderNames.defaults(), headers).orElseThrow();
        assertThat(user.name()).isEqualTo("system:serviceaccount:kube-system:horizontal-pod-autoscaler");
        // Repeated group headers are one group each, in order.
        assertThat(user.groups()).containsExactly("system:serviceaccounts", "system:authenticated");
        // Extra keys are lower-cased and percent-decoded.
        assertThat(user.extra()).containsOnly(
                Map.entry("authentication.kubernetes.io/pod-name", List.of("hpa-0")),
                Map.entry("scopes", List.of("a", "b")));
    }

    @Test
    void noUsernameMeansNotAuthenticatedByTheProxy() {
        assertThat(user(RequestHeaderNames.defaults(), new Headers().add("X-Remote-Group", "system:masters"))).isEmpty();
        assertThat(user(RequestHeaderNames.defaults(), new Headers().add("X-Remote-User", ""))).isEmpty();
    }

    @Test
    void configMapNamesOtherHeaders() {
        RequestHeaderNames names = RequestHeaderNames.fromConfigMap(Map.of(
                "requestheader-username-headers", "[\"X-Proxy-User\",\"X-Remote-User\"]",
                "requestheader-group-headers", "[\"X-Proxy-Group\"]",
                "requestheader-extra-headers-prefix", "[\"X-Proxy-Extra-\"]"));
        Headers headers = new Headers().add("X-Remote-User", "second-choice").add("X-Proxy-User", "alice")
                .add("X-Proxy-Group", "team").add("X-Remote-Group", "ignored").add("X-Proxy-Extra-Reason", "why");
        UserInfo user = user(names, headers).orElseThrow();
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.groups()).containsExactly("team");
        assertThat(user.extra()).containsOnly(Map.entry("reason", List.of("why")));
    }

    @Test
    void missingKeysKeepTheDefaults() {
        assertThat(RequestHeaderNames.fromConfigMap(Map.of("requestheader-client-ca-file", "PEM"))).isEqualTo(RequestHeaderNames.defaults());
        assertThat(RequestHeaderNames.fromConfigMap(Map.of())).isEqualTo(RequestHeaderNames.defaults());
    }

    @Test
    void malformedKeysAreNamed() {
        assertThatThrownBy(() -> RequestHeaderNames.fromConfigMap(Map.of("requestheader-group-headers", "X-Remote-Group")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestheader-group-headers");
        assertThatThrownBy(() -> RequestHeaderNames.fromConfigMap(Map.of("requestheader-username-headers", "[\"\"]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestheader-username-headers");
    }

    @Test
    void allowedNamesComeFromTheConfigMapAndAreEmptyWithoutIt() {
        assertThat(RequestHeaderNames.allowedNames(Map.of("requestheader-allowed-names", "[\"front-proxy-client\"]")))
                .containsExactly("front-proxy-client");
        assertThat(RequestHeaderNames.allowedNames(Map.of())).isEmpty();
        assertThat(RequestHeaderNames.allowedNames(Map.of("requestheader-allowed-names", "[]"))).isEmpty();
        assertThatThrownBy(() -> RequestHeaderNames.allowedNames(Map.of("requestheader-allowed-names", "front-proxy-client")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestheader-allowed-names");
    }

    @Test
    void memoizedParsesOnlyWhenTheDataChanges() {
        AtomicReference<Map<String, String>> data = new AtomicReference<>(new HashMap<>(Map.of("requestheader-username-headers", "[\"X-A\"]")));
        Supplier<RequestHeaderNames> names = RequestHeaderNames.memoized(data::get);
        RequestHeaderNames first = names.get();
        assertThat(first.usernameHeaders()).containsExactly("X-A");
        assertThat(names.get()).isSameAs(first);
        data.set(Map.of("requestheader-username-headers", "[\"X-B\"]"));
        assertThat(names.get().usernameHeaders()).containsExactly("X-B");
    }
}
